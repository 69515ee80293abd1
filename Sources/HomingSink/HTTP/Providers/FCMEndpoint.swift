/// FCM HTTP v1 `POST /v1/projects/{project}/messages:send`: `200` with the message's `name`;
/// the key is `message.data.homing_key`.
///
/// ```swift
/// // curl localhost:8025/v1/projects/shop/messages:send -d '{"message":{"token":"t1","notification":{"title":"Hi","body":"Back?"}}}'
/// ```
struct FCMEndpoint: ProviderEndpoint {
    let channel = "push"
    let provider = "fcm"
    let project: String

    func read(_ request: SinkHTTPRequest, into record: inout SinkRecord) -> SinkReply? {
        guard let json = request.json(), let message = json["message"] as? [String: Any] else {
            return Self.error(
                400,
                "Invalid JSON payload received. Unknown name or missing \"message\".",
                "INVALID_ARGUMENT"
            )
        }
        guard let target = message["token"] ?? message["topic"] ?? message["condition"], let target = target as? String
        else {
            return Self.error(
                400,
                "Request contains an invalid argument: no token, topic or condition.",
                "INVALID_ARGUMENT"
            )
        }
        record.recipients = [target]
        let notification = message["notification"] as? [String: Any]
        record.title = notification?["title"] as? String
        record.body = notification?["body"] as? String
        record.idempotencyKey = (message["data"] as? [String: Any])?["homing_key"] as? String
        return nil
    }

    func reply(_ outcome: SinkOutcome, record: SinkRecord, sequence: Int) -> SinkReply {
        switch outcome {
        case .accepted, .malformed:
            return .json(200, #"{"name":\#(JSONText.quoted("projects/\(project)/messages/\(sequence)"))}"#)
        case .rejected:
            return .json(
                404,
                #"{"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND","#
                    + #""details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","#
                    + #""errorCode":"UNREGISTERED"}]}}"#
            )
        case .throttled:
            return Self.error(429, "Quota exceeded for sending messages.", "RESOURCE_EXHAUSTED")
                .retryingAfterOneSecond()
        case .failed:
            return Self.error(503, "The service is currently unavailable.", "UNAVAILABLE")
        }
    }

    static func error(_ code: Int, _ message: String, _ status: String) -> SinkReply {
        .json(code, #"{"error":{"code":\#(code),"message":\#(JSONText.quoted(message)),"status":"\#(status)"}}"#)
    }
}
