import HomingChannels
import HomingCore
import HomingTestSupport
import Testing

/// How the adapter secures sessions: STARTTLS and SMTPS against a test CA, `required` refusing a
/// server without STARTTLS, `opportunistic` falling back to clear text only when it must.
@Suite struct SMTPStartTLSTests {
    static func send(
        _ server: SMTPTestServer,
        scheme: String = "smtp",
        starttls: SMTPConfiguration.StartTLS,
        trust: Bool = true
    ) async throws -> DeliveryOutcome {
        var transportConfiguration = TransportConfiguration()
        if trust { transportConfiguration.caFile = server.caFile }
        let transport = try Transport(configuration: transportConfiguration)
        defer { transport.shutdown() }
        let adapter = try SMTPAdapter(
            configuration: SMTPConfiguration(
                url: "\(scheme)://127.0.0.1:\(server.port)",
                starttls: starttls,
                username: "shop",
                passwordVariable: "HOMING_TEST_SMTP_PASSWORD",
                envelopeFrom: "bounces@shop.example"
            ),
            transport: transport,
            environment: ["HOMING_TEST_SMTP_PASSWORD": "pw"]
        )
        return await adapter.deliver(SMTPAdapterTests.message())
    }

    @Test(arguments: [SMTPConfiguration.StartTLS.required, .opportunistic])
    func startTLSUpgradesTheSessionBeforeAuth(starttls: SMTPConfiguration.StartTLS) async throws {
        let server = try SMTPTestServer(.starttls, auth: ["PLAIN"], username: "shop", password: "pw")
        defer { server.stop() }

        let outcome = try await Self.send(server, starttls: starttls)

        #expect(outcome == .delivered(providerMessageID: "Q00001"))
        let received = try #require(try server.messages().first)
        #expect(received.tls)
        #expect(received.auth?.username == "shop")
        #expect(received.data == SMTPAdapterTests.mime())
    }

    @Test func smtpsIsTLSFromTheFirstByte() async throws {
        let server = try SMTPTestServer(.smtps, auth: ["LOGIN"], username: "shop", password: "pw")
        defer { server.stop() }

        let outcome = try await Self.send(server, scheme: "smtps", starttls: .required)

        #expect(outcome == .delivered(providerMessageID: "Q00001"))
        #expect(try server.messages().first?.tls == true)
    }

    @Test func requiredFailsPermanentlyWhenTheServerDoesNotOfferIt() async throws {
        let server = try SMTPTestServer(auth: ["PLAIN"], username: "shop", password: "pw")
        defer { server.stop() }

        let outcome = try await Self.send(server, starttls: .required)

        guard case .permanentFailure(let reason) = outcome else {
            Issue.record("expected a permanent failure, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("tls"))
        #expect(try server.messages().isEmpty)
    }

    @Test func opportunisticSendsInClearWhenTheServerDoesNotOfferIt() async throws {
        let server = try SMTPTestServer(auth: ["PLAIN"], username: "shop", password: "pw")
        defer { server.stop() }

        let outcome = try await Self.send(server, starttls: .opportunistic)

        #expect(outcome == .delivered(providerMessageID: "Q00001"))
        #expect(try server.messages().first?.tls == false)
    }

    @Test func anUntrustedCertificateIsAPermanentFailure() async throws {
        let server = try SMTPTestServer(.starttls, auth: ["PLAIN"], username: "shop", password: "pw")
        defer { server.stop() }

        let outcome = try await Self.send(server, starttls: .required, trust: false)

        guard case .permanentFailure(let reason) = outcome else {
            Issue.record("expected a permanent failure, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("tls"))
        #expect(try server.messages().isEmpty)
    }
}
