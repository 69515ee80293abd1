import HomingChannels
import HomingCore
import HomingTestSupport
import Testing

/// Many messages through one adapter share a few SMTP sessions: libcurl keeps them in the
/// transport's connection cache and sends the next `MAIL FROM` on an idle one.
@Suite struct SMTPSessionReuseTests {
    @Test func hundredConcurrentMessagesUseAtMostTheConnectionLimit() async throws {
        let server = try SMTPTestServer(auth: ["PLAIN"], username: "shop", password: SMTPAdapterTests.password)
        defer { server.stop() }
        var configuration = TransportConfiguration()
        configuration.maxConnectionsPerHost = 4
        let transport = try Transport(configuration: configuration)
        defer { transport.shutdown() }
        let adapter = try SMTPAdapterTests.adapter(server, transport: transport, username: "shop")

        let outcomes = await withTaskGroup(of: DeliveryOutcome.self) { group in
            for index in 0..<100 {
                group.addTask {
                    let payload = OutgoingMessage.Payload.mime(SMTPAdapterTests.mime("msg_\(index)"))
                    return await adapter.deliver(
                        OutgoingMessage(
                            recipient: "c\(index)@example.com",
                            idempotencyKey: "msg_\(index)",
                            payload: payload
                        )
                    )
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }

        #expect(outcomes.allSatisfy { if case .delivered(.some) = $0 { true } else { false } })
        let messages = try server.messages()
        #expect(messages.count == 100)
        #expect(Set(messages.map { $0.to.first ?? "" }) == Set((0..<100).map { "c\($0)@example.com" }))
        #expect(messages.allSatisfy { $0.auth?.username == "shop" })
        for message in messages {
            let index = message.to.first?.dropFirst().prefix { $0 != "@" } ?? ""
            #expect(message.data == SMTPAdapterTests.mime("msg_\(index)"), "each message keeps its own bytes")
        }
        let connections = try server.connectionCount()
        #expect(connections >= 1 && connections <= 4)
        #expect(Set(messages.map(\.session)).count == connections)
    }
}
