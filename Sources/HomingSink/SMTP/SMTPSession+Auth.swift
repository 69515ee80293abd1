import Foundation

extension SMTPSession {
    /// `AUTH PLAIN [initial]` and `AUTH LOGIN`: any well-formed credentials are accepted, since
    /// the sink checks how clients talk, not who they are.
    mutating func auth(_ argument: String) -> Action {
        guard greeted else { return .reply("503 5.5.1 Send EHLO first\r\n") }
        guard !authenticated else { return .reply("503 5.5.1 Already authenticated\r\n") }
        guard sender == nil else { return .reply("503 5.5.1 AUTH not allowed during a mail transaction\r\n") }
        let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
        switch parts.first?.uppercased() {
        case "PLAIN":
            guard parts.count == 2 else {
                authStep = .plain
                return .reply("334 \r\n")
            }
            return finishPlain(parts[1])
        case "LOGIN":
            authStep = .loginUser
            // Base64 of "Username:" and "Password:", as every server sends them.
            return .reply("334 VXNlcm5hbWU6\r\n")
        default:
            return .reply("504 5.5.4 Unrecognized authentication type\r\n")
        }
    }

    mutating func continueAuth(_ step: AuthStep, _ line: String) -> Action {
        authStep = nil
        if line == "*" { return .reply("501 5.7.0 Authentication cancelled\r\n") }
        switch step {
        case .plain:
            return finishPlain(line)
        case .loginUser:
            guard Data(base64Encoded: line) != nil else { return Self.badBase64 }
            authStep = .loginPassword
            return .reply("334 UGFzc3dvcmQ6\r\n")
        case .loginPassword:
            guard Data(base64Encoded: line) != nil else { return Self.badBase64 }
            authenticated = true
            return .reply("235 2.7.0 Authentication successful\r\n")
        }
    }

    private mutating func finishPlain(_ response: String) -> Action {
        // PLAIN is authzid NUL authcid NUL password; "=" is an empty initial response.
        guard response == "=" || (Data(base64Encoded: response).map { $0.contains(0) } ?? false) else {
            return Self.badBase64
        }
        authenticated = true
        return .reply("235 2.7.0 Authentication successful\r\n")
    }

    private static var badBase64: Action { .reply("501 5.5.2 Cannot decode the base64 response\r\n") }
}
