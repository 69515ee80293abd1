import Crypto
import Foundation
import HomingChannels
import HomingStore
import HomingTestSupport
import Testing

/// `homing serve` with the shipped channels: the Twilio auth token comes from the variable
/// `channels/sms.yaml` names, and the signed URL is `shop.public_url`, not the address it listens on.
@Suite struct ProviderCallbackServeTests {
    static let token = "serve-test-twilio-token"

    @Test func aSignedSTOPReplyWithdrawsSMSConsentAndAForgedOneChangesNothing() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.url.appendingPathComponent("homing.db").path
        let environment = [
            "HOMING_DB": db, "HOMING_LINK_SECRET": "serve-test-link-secret-0123456789",
            "HOMING_TWILIO_AUTH_TOKEN": Self.token,
        ]
        try """
        customer_id,email,phone,locale,consent_email,consent_sms
        c1,ana@example.com,+33612345678,fr,true,true
        """.write(to: directory.url.appendingPathComponent("customers.csv"), atomically: true, encoding: .utf8)
        let imported = try HomingBinary.run(
            ["import", "customers", "customers.csv", "--config", RepositoryPaths.config.path],
            in: directory.url,
            environment: environment
        )
        #expect(imported.exitCode == 0, "\(imported)")
        let (server, base) = try HomingProcess.serve(
            channels: RepositoryPaths.root.appendingPathComponent("channels").path,
            in: directory.url,
            environment: environment
        )
        let transport = try Transport()
        func post(signedFor url: String, token: String = Self.token) async throws -> HTTPResponse {
            // Twilio signs the URL followed by each field's name and value, sorted by name.
            let signed = url + "Body" + "Stop" + "From" + "+33612345678"
            let code = HMAC<Insecure.SHA1>.authenticationCode(
                for: Array(signed.utf8),
                using: SymmetricKey(data: Array(token.utf8))
            )
            let headers: HTTPHeaders = [
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Twilio-Signature": Data(code).base64EncodedString(),
            ]
            return try await transport.send(
                HTTPRequest(
                    method: .post,
                    url: base + "/webhooks/providers/twilio",
                    headers: headers,
                    body: "From=%2B33612345678&Body=Stop"
                )
            )
        }
        let store = try SQLiteStore(path: db)
        // config/homing.yaml's public_url; the server listens on another port.
        let publicURL = "http://127.0.0.1:8080/webhooks/providers/twilio"
        #expect(try await post(signedFor: base + "/webhooks/providers/twilio").status == 401)
        #expect(try await post(signedFor: publicURL, token: "not-the-token").status == 401)
        #expect(try store.customer(id: "c1")?.consent.sms == true)

        let accepted = try await post(signedFor: publicURL)
        #expect(accepted.status == 200, "\(accepted.bodyText)")
        #expect(try store.customer(id: "c1")?.consent.sms == false)
        #expect(try store.isSuppressed(channel: "sms", address: "+33612345678"))

        server.signal(SIGTERM)
        let ended = try server.waitForExit()
        #expect(ended.exitCode == 0, "\(ended)")
        #expect(!ended.stderr.contains(Self.token))
        // Email goes through SMTP here, so a missing SendGrid key is not worth a note.
        #expect(!ended.stderr.contains("HOMING_SENDGRID_WEBHOOK_KEY"))
    }
}
