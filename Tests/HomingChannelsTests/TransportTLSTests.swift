import HomingChannels
import HomingTestSupport
import Testing

/// TLS peers are verified: a certificate the system CAs do not vouch for is a `.tls` error, and the
/// same server is accepted once its certificate is the configured CA file.
@Suite struct TransportTLSTests {
    @Test func configuredCAFileIsTrusted() async throws {
        let server = try TLSTestServer()
        defer { server.stop() }
        var configuration = TransportConfiguration()
        configuration.caFile = server.caFile
        let transport = try Transport(configuration: configuration)
        defer { transport.shutdown() }

        let response = try await transport.send(HTTPRequest(url: "https://127.0.0.1:\(server.port)/"))

        #expect(response.status == 200)
    }

    @Test func untrustedCertificateIsATLSFailure() async throws {
        let server = try TLSTestServer()
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(HTTPRequest(url: "https://127.0.0.1:\(server.port)/"))
        }

        #expect(error?.kind == .tls)
        #expect(error?.isRetryable == false)
    }
}
