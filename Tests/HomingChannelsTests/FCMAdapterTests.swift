import Foundation
import HomingChannels
import HomingCore
import HomingTestSupport
import Testing

/// The FCM adapter over real loopback HTTP: the send request as FCM receives it, and the outcome
/// of each kind of answer, FCM's own invalid-recipient codes included.
@Suite struct FCMAdapterTests {
    static let variable = "HOMING_TEST_FCM_SERVICE_ACCOUNT"
    static let message = OutgoingMessage(
        recipient: "fMEP0vJqS0:APA91bH-device-token",
        idempotencyKey: "msg_p5jXN8AQM9LWM0D4loKWxJek",
        payload: .push(
            PushNotification(
                title: "Ada, we miss you",
                body: "Votre code -15 % « WELCOME15 » 你好",
                collapseID: "win-back-offer",
                data: ["journey": "win-back", "homing_key": "from-the-template"]
            )
        )
    )

    func adapter(_ google: FCMStandIn, transport: Transport, clock: TestClock = TestClock()) throws -> FCMAdapter {
        try FCMAdapter(
            configuration: FCMConfiguration(baseURL: google.baseURL, serviceAccountVariable: Self.variable),
            transport: transport,
            environment: [Self.variable: google.serviceAccountJSON()],
            clock: clock.read
        )
    }

    static func reply(
        _ status: Int,
        _ json: String,
        headers: [LoopbackHTTPServer.Header] = []
    ) -> LoopbackHTTPServer.Reply {
        .respond(status: status, headers: [.init("Content-Type", "application/json")] + headers, body: Array(json.utf8))
    }

    static func error(_ status: Int, _ state: String, _ code: String, _ message: String) -> String {
        #"{"error":{"code":\#(status),"message":"\#(message)","status":"\#(state)","details":"#
            + #"[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"\#(code)"}]}}"#
    }

    func send(_ reply: LoopbackHTTPServer.Reply, clock: TestClock = TestClock()) async throws -> DeliveryOutcome {
        let google = try FCMStandIn { _ in reply }
        defer { google.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        return try await adapter(google, transport: transport, clock: clock).deliver(Self.message)
    }

    @Test func postsTheMessageAsFCMReceivesIt() async throws {
        let google = try FCMStandIn { _ in Self.reply(200, #"{"name":"projects/shop-test/messages/0:1"}"#) }
        defer { google.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }

        _ = try await adapter(google, transport: transport).deliver(Self.message)

        let request = try #require(google.sendRequests.first)
        #expect(google.sendRequests.count == 1)
        #expect(request.method == "POST")
        #expect(request.path == "/v1/projects/shop-test/messages:send")
        #expect(request.header("authorization") == "Bearer ya29.token-1")
        #expect(request.header("content-type") == "application/json; charset=UTF-8")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(body.keys.sorted() == ["message"])
        let message = try #require(body["message"] as? [String: Any])
        #expect(message.keys.sorted() == ["android", "apns", "data", "notification", "token"])
        #expect(message["token"] as? String == "fMEP0vJqS0:APA91bH-device-token")
        #expect(
            message["notification"] as? [String: String] == [
                "title": "Ada, we miss you", "body": "Votre code -15 % « WELCOME15 » 你好",
            ]
        )
        // The idempotency key wins over a data field of the same name.
        #expect(
            message["data"] as? [String: String] == [
                "journey": "win-back", "homing_key": "msg_p5jXN8AQM9LWM0D4loKWxJek",
            ]
        )
        #expect(message["android"] as? [String: String] == ["collapse_key": "win-back-offer"])
        #expect(message["apns"] as? [String: [String: String]] == ["headers": ["apns-collapse-id": "win-back-offer"]])
    }

    @Test func noCollapseFieldsWithoutACollapseID() async throws {
        let google = try FCMStandIn { _ in Self.reply(200, #"{"name":"m"}"#) }
        defer { google.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        var message = Self.message
        message.payload = .push(PushNotification(title: "Hi", body: "There"))

        _ = try await adapter(google, transport: transport).deliver(message)

        let body = try JSONSerialization.jsonObject(with: Data(try #require(google.sendRequests.first).body))
        let fields = try #require((body as? [String: Any])?["message"] as? [String: Any])
        #expect(fields.keys.sorted() == ["data", "notification", "token"])
        #expect(fields["data"] as? [String: String] == ["homing_key": "msg_p5jXN8AQM9LWM0D4loKWxJek"])
    }

    @Test func configuredProjectReplacesTheKeysProject() async throws {
        let google = try FCMStandIn { _ in Self.reply(200, #"{"name":"m"}"#) }
        defer { google.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        let adapter = try FCMAdapter(
            configuration: FCMConfiguration(
                baseURL: google.baseURL + "/",
                serviceAccountVariable: Self.variable,
                projectID: "shop-other"
            ),
            transport: transport,
            environment: [Self.variable: google.serviceAccountJSON()]
        )

        _ = await adapter.deliver(Self.message)

        #expect(adapter.projectID == "shop-other")
        #expect(google.sendRequests.first?.path == "/v1/projects/shop-other/messages:send")
    }

    @Test func okIsDeliveredWithTheMessageName() async throws {
        let outcome = try await send(
            Self.reply(200, #"{"name":"projects/shop-test/messages/0:1500415314455276%31bd1c9631bd1c96"}"#)
        )
        #expect(
            outcome == .delivered(providerMessageID: "projects/shop-test/messages/0:1500415314455276%31bd1c9631bd1c96")
        )
    }

    @Test(arguments: [
        (404, "NOT_FOUND", "UNREGISTERED"), (403, "PERMISSION_DENIED", "SENDER_ID_MISMATCH"),
        (400, "INVALID_ARGUMENT", "UNREGISTERED"),
    ])
    func unregisteredOrForeignTokenIsAnInvalidRecipient(status: Int, state: String, code: String) async throws {
        let outcome = try await send(
            Self.reply(status, Self.error(status, state, code, "Requested entity was not found."))
        )
        #expect(outcome == .invalidRecipient(reason: "FCM \(status) \(code): Requested entity was not found."))
    }

    @Test func invalidArgumentIsPermanentNotASuppression() async throws {
        let message = "The registration token is not a valid FCM registration token"
        let outcome = try await send(Self.reply(400, Self.error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", message)))
        #expect(outcome == .permanentFailure(reason: "FCM 400 INVALID_ARGUMENT: " + message))
    }

    @Test func errorWithoutFCMDetailsIsPermanentWithItsStatus() async throws {
        let body = #"{"error":{"code":403,"message":"Permission denied.","status":"PERMISSION_DENIED"}}"#
        let outcome = try await send(Self.reply(403, body))
        #expect(outcome == .permanentFailure(reason: "FCM 403 PERMISSION_DENIED: Permission denied."))
    }

    @Test func notJSONIsPermanentWithTheBody() async throws {
        let outcome = try await send(.respond(status: 404, body: Array("<html>Not Found</html>".utf8)))
        #expect(outcome == .permanentFailure(reason: "HTTP 404: <html>Not Found</html>"))
    }

    @Test func quotaExceededIsRetryableAfterRetryAfter() async throws {
        let clock = TestClock()
        let body = Self.error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded.")
        let outcome = try await send(Self.reply(429, body, headers: [.init("Retry-After", "30")]), clock: clock)
        let later = Instant(millisecondsSince1970: clock.now.millisecondsSince1970 + 30_000)
        #expect(outcome == .retryable(reason: "FCM 429 QUOTA_EXCEEDED: Quota exceeded.", notBefore: later))
    }

    @Test func unavailableIsRetryable() async throws {
        let outcome = try await send(.respond(status: 503))
        #expect(outcome == .retryable(reason: "HTTP 503", notBefore: nil))
    }

    @Test func onlyPushPayloadsAreSent() async throws {
        let google = try FCMStandIn { _ in Self.reply(200, #"{"name":"m"}"#) }
        defer { google.stop() }
        let transport = try Transport()
        defer { transport.shutdown() }
        var message = Self.message
        message.payload = .text("hello")

        let outcome = try await adapter(google, transport: transport).deliver(message)

        #expect(outcome == .permanentFailure(reason: "fcm sends only push payloads"))
        #expect(google.server.requests.isEmpty)
    }
}
