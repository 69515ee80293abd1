/// The visible part of a push notification and the data that rides along with it.
///
/// ```swift
/// let notification = PushNotification(
///     title: "We miss you, Ada",
///     body: "Your 15% code WELCOME15 is waiting.",
///     collapseID: "win-back-offer",
///     data: ["journey": "win-back"]
/// )
/// ```
///
/// `collapseID` lets a newer notification replace an older one on the device (`apns-collapse-id`,
/// FCM `collapse_key`). `data` is delivered to the app as string pairs; adapters add the
/// idempotency key to it as `homing_key`, so the app and the sink can tell duplicates apart.
public struct PushNotification: Sendable, Hashable {
    public var title: String
    public var body: String
    public var collapseID: String?
    public var data: [String: String]

    public init(title: String, body: String, collapseID: String? = nil, data: [String: String] = [:]) {
        self.title = title
        self.body = body
        self.collapseID = collapseID
        self.data = data
    }
}
