import Crypto
import Foundation
import HomingChannels
import HomingEngine
import HomingStore
import HomingTestSupport
import Testing

/// `homing serve`: health checks, and unsubscribe links that only their signature opens.
@Suite(.serialized) struct ServeCommandTests {
    static let secret = "serve-test-link-secret-0123456789"

    @Test func oneClickUnsubscribeWithdrawsConsentForTheTokensChannelOnly() async throws {
        let directory = try TemporaryDirectory()
        let url = directory.url
        let db = url.appendingPathComponent("homing.db").path
        let environment = ["HOMING_DB": db, "HOMING_LINK_SECRET": Self.secret]
        try """
        customer_id,email,phone,locale,consent_email,consent_sms
        c1,ana@example.com,+33612345678,fr-CA,true,true
        c2,mei@example.com,,zh-TW,true,false
        """.write(to: url.appendingPathComponent("customers.csv"), atomically: true, encoding: .utf8)
        let imported = try HomingBinary.run(
            ["import", "customers", "customers.csv", "--config", RepositoryPaths.config.path],
            in: url,
            environment: environment
        )
        #expect(imported.exitCode == 0, "\(imported)")
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent("channels"),
            withIntermediateDirectories: true
        )
        let (server, base) = try HomingProcess.serve(channels: "channels", in: url, environment: environment)
        let transport = try Transport()
        func call(_ method: HTTPMethod, _ path: String) async throws -> HTTPResponse {
            try await transport.send(
                HTTPRequest(
                    method: method,
                    url: base + path,
                    headers: method == .post ? ["Content-Type": "application/x-www-form-urlencoded"] : [:],
                    body: method == .post ? "List-Unsubscribe=One-Click" : ""
                )
            )
        }
        #expect(try await call(.get, "/healthz").status == 200)
        #expect(try await call(.get, "/readyz").status == 200)

        let key = SymmetricKey(data: Array(Self.secret.utf8))
        let email = UnsubscribeToken(customerID: "c1", scope: .email, issuedAt: .now).signed(with: key)
        let page = try await call(.get, "/u/\(email)")
        #expect(page.status == 200)
        #expect(page.bodyText.contains("Ne plus recevoir d’e-mails"), "\(page.bodyText)")
        #expect(page.bodyText.contains("<form method=\"post\">"))

        // One changed character, or another key's signature, opens nothing.
        var altered = Array(email)
        altered[2] = altered[2] == "A" ? "B" : "A"
        #expect(try await call(.post, "/u/\(String(altered))").status == 400)
        let forged = UnsubscribeToken(customerID: "c1", scope: .all, issuedAt: .now)
            .signed(with: SymmetricKey(data: Array("another-secret-0123456789".utf8)))
        #expect(try await call(.post, "/u/\(forged)").status == 400)
        let store = try SQLiteStore(path: db)
        #expect(try store.customer(id: "c1")?.consent.email == true)

        let done = try await call(.post, "/u/\(email)")
        #expect(done.status == 200)
        #expect(done.bodyText.contains("Vous ne recevrez plus d’e-mails"))
        let after = try #require(try store.customer(id: "c1"))
        #expect(after.consent.email == false)
        #expect(after.consent.sms == true, "an email link leaves SMS consent alone")

        let chinese = UnsubscribeToken(customerID: "c2", scope: .all, issuedAt: .now).signed(with: key)
        #expect(try await call(.get, "/u/\(chinese)").bodyText.contains("不再接收我們的訊息"))

        server.signal(SIGTERM)
        let ended = try server.waitForExit()
        #expect(ended.exitCode == 0, "\(ended)")
    }
}
