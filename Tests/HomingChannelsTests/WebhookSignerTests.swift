import HomingChannels
import Testing

@Suite struct WebhookSignerTests {
    /// The test vector from the Standard Webhooks specification and reference libraries.
    @Test func matchesTheStandardWebhooksTestVector() throws {
        let signer = try WebhookSigner(secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")

        let signature = signer.signature(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
            timestamp: 1_614_265_330,
            body: Array(#"{"test": 2432232314}"#.utf8)
        )

        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func thePrefixIsOptionalAndTheSignatureCoversEveryPart() throws {
        let prefixed = try WebhookSigner(secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let bare = try WebhookSigner(secret: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let body = Array(#"{"test": 2432232314}"#.utf8)
        let reference = prefixed.signature(id: "msg_1", timestamp: 1, body: body)

        #expect(bare.signature(id: "msg_1", timestamp: 1, body: body) == reference)
        #expect(prefixed.signature(id: "msg_2", timestamp: 1, body: body) != reference)
        #expect(prefixed.signature(id: "msg_1", timestamp: 2, body: body) != reference)
        #expect(prefixed.signature(id: "msg_1", timestamp: 1, body: body + [0x20]) != reference)
    }

    @Test(arguments: ["", "whsec_", "whsec_not base64!", "whsec_%%%%"])
    func rejectsSecretsThatAreNotBase64(_ secret: String) {
        #expect(throws: WebhookSigner.InvalidSecret.self) { try WebhookSigner(secret: secret) }
    }
}
