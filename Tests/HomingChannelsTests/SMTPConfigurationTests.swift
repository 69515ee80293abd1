import HomingChannels
import Testing

/// The SMTP adapter refuses, at start-up, configurations that could only fail or leak: a wrong
/// scheme, clear text towards a remote host, a missing password.
@Suite struct SMTPConfigurationTests {
    static let transport = try! Transport()

    static func build(
        _ url: String,
        starttls: SMTPConfiguration.StartTLS = .required,
        username: String? = nil,
        passwordVariable: String? = nil,
        envelopeFrom: String = "bounces@shop.example",
        environment: [String: String] = [:]
    ) throws(ChannelConfigurationError) -> SMTPAdapter {
        try SMTPAdapter(
            configuration: SMTPConfiguration(
                url: url,
                starttls: starttls,
                username: username,
                passwordVariable: passwordVariable,
                envelopeFrom: envelopeFrom
            ),
            transport: transport,
            environment: environment
        )
    }

    @Test(arguments: ["https://mail.example.com", "mail.example.com:587", "smtpx://mail.example.com"])
    func aURLThatIsNotSMTPIsRefused(url: String) {
        let error = #expect(throws: ChannelConfigurationError.self) { try Self.build(url) }
        #expect(error?.kind == .invalidURL)
        #expect(error?.channel == "smtp")
    }

    @Test func starttlsOffIsRefusedForARemoteHost() {
        let error = #expect(throws: ChannelConfigurationError.self) {
            try Self.build("smtp://user@mail.example.com:25", starttls: .off)
        }
        #expect(error?.kind == .invalidSetting(field: "starttls"))
        #expect(error?.message.contains("mail.example.com") == true)
    }

    @Test(arguments: [
        "smtp://127.0.0.1:2525", "smtp://localhost", "smtp://[::1]:25/shop.example", "smtps://mx.example",
    ])
    func starttlsOffIsAcceptedForLoopbackOrImplicitTLS(url: String) throws {
        _ = try Self.build(url, starttls: .off)
    }

    @Test func aMissingPasswordNamesItsVariable() {
        let error = #expect(throws: ChannelConfigurationError.self) {
            try Self.build("smtp://mail.example.com:587", username: "shop", passwordVariable: "HOMING_SMTP_PASSWORD")
        }
        #expect(error?.kind == .missingSecret(variable: "HOMING_SMTP_PASSWORD"))
    }

    @Test func aUsernameWithoutAPasswordVariableIsRefused() {
        let error = #expect(throws: ChannelConfigurationError.self) {
            try Self.build("smtp://mail.example.com:587", username: "shop")
        }
        #expect(error?.kind == .invalidSetting(field: "passwordVariable"))
    }

    @Test func anEnvelopeSenderThatIsNotAnAddressIsRefused() {
        let error = #expect(throws: ChannelConfigurationError.self) {
            try Self.build("smtp://mail.example.com:587", envelopeFrom: "bounces")
        }
        #expect(error?.kind == .invalidSetting(field: "envelopeFrom"))
    }

    @Test func thePasswordIsReadButNeverShown() throws {
        let adapter = try Self.build(
            "smtps://mail.example.com",
            username: "shop",
            passwordVariable: "HOMING_SMTP_PASSWORD",
            environment: ["HOMING_SMTP_PASSWORD": "hunter2"]
        )
        let message = OutgoingMessage(recipient: "ada@example.com", idempotencyKey: "k", payload: .mime([65]))
        let request = try #require(adapter.request(for: message))
        #expect(request.password == "hunter2")
        #expect(request.username == "shop")
        #expect(request.recipients == ["ada@example.com"])
        #expect(!"\(adapter.configuration)".contains("hunter2"))
    }
}
