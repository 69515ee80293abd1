import Foundation

/// The parts of a Google service-account JSON key that FCM's OAuth flow needs.
///
/// ```swift
/// let account = try GoogleServiceAccount(json: Array(text.utf8))
/// account.clientEmail   // "homing@shop-prod.iam.gserviceaccount.com"
/// account.tokenURI      // "https://oauth2.googleapis.com/token"
/// ```
///
/// The key file is what the Google Cloud console downloads (`"type": "service_account"`); other
/// fields are ignored. `private_key` must be an RSA key in PEM, which it always is in such files.
struct GoogleServiceAccount: Sendable {
    /// What is wrong with the JSON, without quoting any of it.
    enum Problem: Error, Sendable, Equatable {
        case notJSON
        case missingField(String)
        case invalidPrivateKey
    }

    var clientEmail: String
    var signingKey: JSONWebToken.SigningKey
    var tokenURI: String
    var projectID: String?

    /// The token endpoint when the file names none.
    static let defaultTokenURI = "https://oauth2.googleapis.com/token"

    init(json: [UInt8]) throws(Problem) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
            throw .notJSON
        }
        func string(_ field: String) -> String? {
            (object[field] as? String).flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let clientEmail = string("client_email") else { throw .missingField("client_email") }
        guard let pem = string("private_key") else { throw .missingField("private_key") }
        do {
            signingKey = try JSONWebToken.SigningKey.rs256(pem: pem)
        } catch {
            throw .invalidPrivateKey
        }
        self.clientEmail = clientEmail
        tokenURI = string("token_uri") ?? Self.defaultTokenURI
        projectID = string("project_id")
    }
}

extension GoogleServiceAccount.Problem: CustomStringConvertible {
    var description: String {
        switch self {
        case .notJSON: "is not a JSON object"
        case .missingField(let field): "has no \"\(field)\""
        case .invalidPrivateKey: "has a \"private_key\" that is not an RSA private key in PEM (2048 bits or more)"
        }
    }
}
