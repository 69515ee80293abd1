import Foundation

/// APNs `POST /3/device/{token}` over HTTP/1.1 (curl falls back to it on cleartext): `200` with
/// `apns-id`; the key is the payload's top-level `homing_key`.
///
/// ```swift
/// // curl localhost:8025/3/device/abc123 -d '{"aps":{"alert":{"title":"Hi","body":"Back?"}},"homing_key":"k1"}'
/// ```
///
/// A body that is not a JSON object gets `400 {"reason":"PayloadEmpty"}`, the closest reason
/// APNs documents.
struct APNsEndpoint: ProviderEndpoint {
    let channel = "push"
    let provider = "apns"
    let deviceToken: String
    let requestedID: String?

    func read(_ request: SinkHTTPRequest, into record: inout SinkRecord) -> SinkReply? {
        guard let json = request.json(), let aps = json["aps"] as? [String: Any] else {
            return reason(400, "PayloadEmpty")
        }
        record.recipients = [deviceToken]
        if let alert = aps["alert"] as? [String: Any] {
            record.title = alert["title"] as? String
            record.body = alert["body"] as? String
        } else {
            record.body = aps["alert"] as? String
        }
        record.idempotencyKey = json["homing_key"] as? String
        return nil
    }

    func reply(_ outcome: SinkOutcome, record: SinkRecord, sequence: Int) -> SinkReply {
        switch outcome {
        case .accepted, .malformed: SinkReply(status: 200, headers: [("apns-id", apnsID)])
        case .rejected: reason(400, "BadDeviceToken")
        case .throttled: reason(429, "TooManyRequests").retryingAfterOneSecond()
        case .failed: reason(503, "ServiceUnavailable")
        }
    }

    /// APNs echoes the caller's `apns-id` or makes one up.
    private var apnsID: String { requestedID ?? UUID().uuidString }

    private func reason(_ status: Int, _ reason: String) -> SinkReply {
        .json(status, #"{"reason":"\#(reason)"}"#, headers: [("apns-id", apnsID)])
    }
}
