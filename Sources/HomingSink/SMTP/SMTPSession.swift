import NIOCore

/// The SMTP conversation of one connection as a state machine: a line in, an ``Action`` out.
///
/// ```swift
/// var session = SMTPSession(rejects: { $0.hasSuffix("@bounce.test") })
/// session.receive(ByteBuffer(string: "EHLO client.test"))   // .reply("250-sink …")
/// ```
///
/// It knows the protocol (RFC 5321, AUTH from RFC 4954, dot-unstuffing) but not the network or
/// the faults of a finished message: the channel handler decides the answer to end of data, so
/// this type stays free of I/O and randomness. Many transactions may follow each other on one
/// connection, as libcurl reuses sessions.
struct SMTPSession {
    enum Action {
        case reply(String)
        case replyAndClose(String)
        /// A recipient the sink rejects: answer with the reply and record it.
        case rejectedRecipient(String, reply: String)
        /// End of data: the handler answers, records, and the session is ready for the next MAIL.
        case message(SMTPEnvelope, ByteBuffer)
        case none
    }

    enum AuthStep { case plain, loginUser, loginPassword }

    /// Advertised in EHLO and enforced at end of data.
    static let maximumMessageSize = 50 * 1024 * 1024

    /// Message buffers up to this size stay with the session for the next message.
    static let reusedDataCapacity = 256 * 1024

    static let ehloKeywords = ["8BITMIME", "SMTPUTF8", "PIPELINING", "SIZE \(maximumMessageSize)", "AUTH PLAIN LOGIN"]

    let rejects: (String) -> Bool
    var greeted = false
    var authenticated = false
    var authStep: AuthStep?
    var sender: String?
    var recipients: [String] = []
    var rejectedSome = false
    var inData = false
    var data = ByteBuffer()
    var dataTooLarge = false

    init(rejects: @escaping (String) -> Bool) {
        self.rejects = rejects
    }

    mutating func receive(_ line: ByteBuffer) -> Action {
        if inData { return receiveData(line) }
        if let step = authStep { return continueAuth(step, String(buffer: line)) }
        let view = line.readableBytesView
        let space = view.firstIndex(of: UInt8(ascii: " ")) ?? view.endIndex
        let verb = view[..<space]
        // The commands of every message first, matched on bytes: no String until an address.
        if verb.count == 4 {
            let rest = view[min(space + 1, view.endIndex)...]
            switch Self.packed(verb) {
            case Self.packed("MAIL"): return mail(rest)
            case Self.packed("RCPT"): return recipient(rest)
            case Self.packed("DATA"): return startData()
            case Self.packed("RSET"):
                resetTransaction()
                return .reply("250 2.0.0 OK\r\n")
            case Self.packed("NOOP"): return .reply("250 2.0.0 OK\r\n")
            default: break
            }
        }
        let (name, argument) = Self.command(line)
        switch name {
        case "EHLO", "HELO": return hello(name, argument)
        case "AUTH": return auth(argument)
        case "QUIT": return .replyAndClose("221 2.0.0 Bye\r\n")
        case "VRFY": return .reply("252 2.5.0 Cannot VRFY user, but will accept message\r\n")
        case "STARTTLS", "EXPN", "TURN", "ETRN", "BDAT":
            return .reply("502 5.5.1 \(name) not implemented by the sink\r\n")
        default: return .reply("500 5.5.2 Command not recognized\r\n")
        }
    }

    /// Four command bytes, upper-cased, as one integer to compare.
    static func packed<Bytes: Collection<UInt8>>(_ verb: Bytes) -> UInt32 {
        verb.reduce(0) { ($0 << 8) | UInt32($1 >= 97 && $1 <= 122 ? $1 - 32 : $1) }
    }

    static func packed(_ verb: StaticString) -> UInt32 {
        packed(UnsafeBufferPointer(start: verb.utf8Start, count: verb.utf8CodeUnitCount))
    }

    /// The upper-cased verb and the rest after one space, split on bytes: verbs are ASCII and
    /// short, so this avoids Unicode case mapping on every command.
    static func command(_ line: ByteBuffer) -> (verb: String, argument: String) {
        let view = line.readableBytesView
        let space = view.firstIndex(of: UInt8(ascii: " ")) ?? view.endIndex
        let verb = String(decoding: view[..<space].map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }, as: UTF8.self)
        let argument = space < view.endIndex ? String(decoding: view[(space + 1)...], as: UTF8.self) : ""
        return (verb, argument)
    }

    mutating func resetTransaction() {
        sender = nil
        recipients.removeAll(keepingCapacity: true)
        rejectedSome = false
        inData = false
        dataTooLarge = false
    }

    private mutating func hello(_ verb: String, _ argument: String) -> Action {
        guard !argument.isEmpty else { return .reply("501 5.5.4 \(verb) needs a domain or address\r\n") }
        resetTransaction()
        greeted = true
        guard verb == "EHLO" else { return .reply("250 homing-sink\r\n") }
        var reply = "250-homing-sink greets \(argument)\r\n"
        for (index, keyword) in Self.ehloKeywords.enumerated() {
            reply += (index == Self.ehloKeywords.count - 1 ? "250 " : "250-") + keyword + "\r\n"
        }
        return .reply(reply)
    }

    private mutating func mail(_ argument: ByteBufferView.SubSequence) -> Action {
        guard greeted else { return .reply("503 5.5.1 Send EHLO or HELO first\r\n") }
        guard sender == nil else { return .reply("503 5.5.1 Nested MAIL command\r\n") }
        guard let address = Self.path(argument, prefix: "FROM:") else {
            return .reply("501 5.5.4 Syntax: MAIL FROM:<address>\r\n")
        }
        sender = address
        return .reply("250 2.1.0 OK\r\n")
    }

    private mutating func recipient(_ argument: ByteBufferView.SubSequence) -> Action {
        guard sender != nil else { return .reply("503 5.5.1 Need MAIL before RCPT\r\n") }
        guard let address = Self.path(argument, prefix: "TO:"), !address.isEmpty else {
            return .reply("501 5.5.4 Syntax: RCPT TO:<address>\r\n")
        }
        if rejects(address) {
            rejectedSome = true
            return .rejectedRecipient(address, reply: "550 5.1.1 <\(address)>: Recipient address rejected\r\n")
        }
        recipients.append(address)
        return .reply("250 2.1.5 OK\r\n")
    }

    private mutating func startData() -> Action {
        guard sender != nil else { return .reply("503 5.5.1 Need MAIL before DATA\r\n") }
        guard !recipients.isEmpty else {
            return rejectedSome
                ? .reply("554 5.5.1 No valid recipients\r\n") : .reply("503 5.5.1 Need RCPT before DATA\r\n")
        }
        // Cleared here rather than at end of data: by now the handler has let go of the last
        // message, so the storage is unshared and a small one is reused instead of reallocated.
        data.clear()
        inData = true
        return .reply("354 End data with <CR><LF>.<CR><LF>\r\n")
    }

    private mutating func receiveData(_ line: ByteBuffer) -> Action {
        var line = line
        if line.readableBytes >= 1, line.getInteger(at: line.readerIndex, as: UInt8.self) == UInt8(ascii: ".") {
            if line.readableBytes == 1 {
                let envelope = SMTPEnvelope(sender: sender ?? "", recipients: recipients)
                let message = data
                let tooLarge = dataTooLarge
                resetTransaction()
                // Only a large buffer is let go of now, so an idle session does not hold megabytes.
                if data.capacity > Self.reusedDataCapacity { data = ByteBuffer() }
                if tooLarge { return .reply("552 5.3.4 Message exceeds \(Self.maximumMessageSize) bytes\r\n") }
                return .message(envelope, message)
            }
            line.moveReaderIndex(forwardBy: 1)
        }
        guard !dataTooLarge else { return .none }
        if data.readableBytes + line.readableBytes + 2 > Self.maximumMessageSize {
            dataTooLarge = true
            data.clear()
            return .none
        }
        data.writeBuffer(&line)
        data.writeStaticString("\r\n")
        return .none
    }

    /// The address in `FROM:<a@b> PARAMS` or `TO:<a@b>`; parameters such as `SMTPUTF8` and
    /// `BODY=8BITMIME` are accepted and ignored. Lenient about a missing `<>` and spaces after the
    /// colon. Read on bytes (the prefix is ASCII, compared without case), so only the address
    /// becomes a String.
    static func path(_ argument: ByteBufferView.SubSequence, prefix: StaticString) -> String? {
        let expected = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        guard argument.count >= expected.count else { return nil }
        var index = argument.startIndex
        for byte in expected {
            let actual = argument[index]
            guard actual == byte || (actual >= 97 && actual <= 122 && actual - 32 == byte) else { return nil }
            index += 1
        }
        while index < argument.endIndex, argument[index] == UInt8(ascii: " ") { index += 1 }
        if index < argument.endIndex, argument[index] == UInt8(ascii: "<") {
            let open = index + 1
            guard let close = argument[open...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            return String(decoding: argument[open..<close], as: UTF8.self)
        }
        let end = argument[index...].firstIndex(of: UInt8(ascii: " ")) ?? argument.endIndex
        return end > index ? String(decoding: argument[index..<end], as: UTF8.self) : nil
    }
}
