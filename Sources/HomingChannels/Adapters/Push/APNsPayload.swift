/// The JSON body of an APNs request: the `aps` dictionary and the app's own keys beside it.
///
/// ```swift
/// let payload = APNsPayload(notification: notification, idempotencyKey: "msg_9f2c", sound: "default")
/// // {"aps":{"alert":{"body":"…","title":"…"},"sound":"default"},"homing_key":"msg_9f2c","journey":"win-back"}
/// ```
///
/// The notification's data become top-level keys, as apps read them from `userInfo`. A data key
/// named `aps` is dropped (it would replace the alert) and `homing_key` is always the idempotency key.
struct APNsPayload: Encodable, Sendable {
    struct APS: Encodable, Sendable {
        var alert: Alert
        var sound: String?
    }

    struct Alert: Encodable, Sendable {
        var title: String
        var body: String
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(_ stringValue: String) { self.stringValue = stringValue }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var aps: APS
    /// The app's keys beside `aps`.
    var custom: [String: String]

    init(notification: PushNotification, idempotencyKey: String, sound: String?) {
        aps = APS(alert: Alert(title: notification.title, body: notification.body), sound: sound)
        custom = notification.data
        custom["aps"] = nil
        custom["homing_key"] = idempotencyKey
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(aps, forKey: Key("aps"))
        for (key, value) in custom { try container.encode(value, forKey: Key(key)) }
    }
}
