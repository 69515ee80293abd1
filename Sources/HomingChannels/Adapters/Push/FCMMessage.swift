/// The JSON body of an FCM HTTP v1 `messages:send` request.
///
/// ```swift
/// let body = FCMMessage(token: deviceToken, notification: notification, idempotencyKey: "msg_9f2c")
/// // {"message":{"android":{"collapse_key":"offer"},"apns":{"headers":{"apns-collapse-id":"offer"}},
/// //  "data":{"homing_key":"msg_9f2c"},"notification":{"body":"…","title":"…"},"token":"…"}}
/// ```
///
/// The collapse id goes to both Android (`collapse_key`) and, through FCM, to APNs
/// (`apns-collapse-id`), so a newer offer replaces an older one on either kind of device.
/// `homing_key` overrides a data field of the same name.
struct FCMMessage: Encodable, Sendable {
    struct Message: Encodable, Sendable {
        var token: String
        var notification: Notification
        var data: [String: String]
        var android: Android?
        var apns: APNs?
    }

    struct Notification: Encodable, Sendable {
        var title: String
        var body: String
    }

    struct Android: Encodable, Sendable {
        var collapseKey: String

        enum CodingKeys: String, CodingKey {
            case collapseKey = "collapse_key"
        }
    }

    struct APNs: Encodable, Sendable {
        var headers: [String: String]
    }

    var message: Message

    init(token: String, notification: PushNotification, idempotencyKey: String) {
        var data = notification.data
        data["homing_key"] = idempotencyKey
        message = Message(
            token: token,
            notification: Notification(title: notification.title, body: notification.body),
            data: data,
            android: notification.collapseID.map { Android(collapseKey: $0) },
            apns: notification.collapseID.map { APNs(headers: ["apns-collapse-id": $0]) }
        )
    }
}
