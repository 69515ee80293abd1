import HomingChannels
import HomingCore
import HomingTestSupport
import Testing

/// APNs accepts only HTTP/2 over TLS: the adapter's sends must negotiate it by ALPN. nghttpd
/// speaks nothing else, so a delivered outcome means HTTP/2 was used.
@Suite struct APNsHTTP2Tests {
    @Test func concurrentSendsGoOverHTTP2WithTLS() async throws {
        let server = try TLSTestServer(.http2)
        defer { server.stop() }
        var transportConfiguration = TransportConfiguration()
        transportConfiguration.caFile = server.caFile
        let transport = try Transport(configuration: transportConfiguration)
        defer { transport.shutdown() }
        var configuration = APNsAdapterTests.configuration(port: server.port)
        configuration.baseURL = "https://127.0.0.1:\(server.port)"
        let adapter = try APNsAdapter(
            configuration: configuration,
            transport: transport,
            environment: [APNsAdapterTests.variable: APNsAdapterTests.keyPEM]
        )

        let outcomes = await withTaskGroup(of: DeliveryOutcome.self) { group in
            for _ in 0..<5 { group.addTask { await adapter.deliver(APNsAdapterTests.message) } }
            return await group.reduce(into: [DeliveryOutcome]()) { $0.append($1) }
        }

        // nghttpd --echo-upload answers a POST with 200 and no apns-id.
        #expect(outcomes == Array(repeating: .delivered(providerMessageID: nil), count: 5))
    }
}
