/// The JSON body of SendGrid's v3 `mail/send`, as much of it as Homing uses.
///
/// ```swift
/// let mail = SendGridMail(
///     personalizations: [.init(to: [["email": "ana@example.com"]], customArgs: ["homing_key": "msg_9f2c"])],
///     from: ["email": "hello@shop.example"],
///     subject: "We miss you",
///     content: [.init(type: "text/plain", value: "Come back"), .init(type: "text/html", value: "<p>Come back</p>")]
/// )
/// ```
struct SendGridMail: Encodable {
    struct Personalization: Encodable {
        var to: [[String: String]]
        var customArgs: [String: String]

        enum CodingKeys: String, CodingKey {
            case to
            case customArgs = "custom_args"
        }
    }

    struct Content: Encodable {
        var type: String
        var value: String
    }

    var personalizations: [Personalization]
    var from: [String: String]
    var subject: String
    var content: [Content]
}
