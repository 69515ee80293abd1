import HomingChannels
import HomingTestSupport
import Testing

/// Failures without a response surface as typed `TransportError`s that adapters can classify:
/// refused connections, timeouts, shutdown and cancellation with transfers in flight.
@Suite struct TransportFailureTests {
    @Test func closedPortIsAConnectionFailure() async throws {
        let port = try LoopbackPort.unused()
        let transport = try Transport()
        defer { transport.shutdown() }

        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(port)/"))
        }

        #expect(error?.kind == .connectionFailed)
        #expect(error?.isRetryable == true)
        #expect(error?.curlCode == 7)  // CURLE_COULDNT_CONNECT
        #expect(error?.message.isEmpty == false)
    }

    @Test func silentServerTimesOutAfterTheRequestTimeout() async throws {
        let server = try LoopbackHTTPServer { _ in .never }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(
                HTTPRequest(url: "http://127.0.0.1:\(server.port)/hang", timeout: .milliseconds(300))
            )
        }

        #expect(error?.kind == .timeout)
        #expect(error?.isRetryable == true)
        #expect(server.requests.count == 1)
    }

    @Test func configuredDefaultTimeoutAppliesWhenTheRequestSetsNone() async throws {
        let server = try LoopbackHTTPServer { _ in .never }
        defer { server.stop() }
        var configuration = TransportConfiguration()
        configuration.requestTimeout = .milliseconds(300)
        let transport = try Transport(configuration: configuration)
        defer { transport.shutdown() }

        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/hang"))
        }

        #expect(error?.kind == .timeout)
    }

    @Test func shutdownFailsTransfersInFlightAsCancelled() async throws {
        let server = try LoopbackHTTPServer { _ in .never }
        defer { server.stop() }
        let transport = try Transport()

        let sends = (0..<5).map { index in
            Task { () -> TransportError? in
                do {
                    _ = try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/\(index)"))
                    return nil
                } catch {
                    return error as? TransportError
                }
            }
        }
        #expect(await server.waitForRequests(5))
        transport.shutdown()

        for send in sends {
            let error = await send.value
            #expect(error?.kind == .cancelled)
        }
        let late = await #expect(throws: TransportError.self) {
            _ = try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/late"))
        }
        #expect(late?.kind == .cancelled)
        transport.shutdown()  // a second call is harmless
    }

    @Test func cancellingTheTaskAbandonsItsTransferOnly() async throws {
        let server = try LoopbackHTTPServer { request in request.path == "/hang" ? .never : .ok }
        defer { server.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        let hanging = Task { try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/hang")) }
        #expect(await server.waitForRequests(1))
        hanging.cancel()

        let error = await #expect(throws: TransportError.self) { _ = try await hanging.value }
        #expect(error?.kind == .cancelled)
        let response = try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(server.port)/after"))
        #expect(response.status == 200)
    }

    @Test func unsupportedSchemeIsRejectedBeforeSending() async throws {
        let transport = try Transport()
        defer { transport.shutdown() }

        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(HTTPRequest(url: "ftp://127.0.0.1/file"))
        }

        #expect(error?.kind == .other)
        #expect(error?.isRetryable == false)
    }
}
