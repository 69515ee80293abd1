/// SendGrid v3 `POST /v3/mail/send`: `202` with `X-Message-Id`; the key is
/// `personalizations[0].custom_args.homing_key`, as ``SendGridAdapter`` sends it.
///
/// ```swift
/// // curl -X POST localhost:8025/v3/mail/send -d '{"personalizations":[{"to":[{"email":"a@b.test"}]}],"subject":"Hi"}'
/// ```
struct SendGridEndpoint: ProviderEndpoint {
    let channel = "email"
    let provider = "sendgrid"

    func read(_ request: SinkHTTPRequest, into record: inout SinkRecord) -> SinkReply? {
        guard let json = request.json(),
            let personalizations = json["personalizations"] as? [[String: Any]], !personalizations.isEmpty
        else {
            return Self.error(
                400,
                "The personalizations field is required and must have at least 1 item.",
                "personalizations"
            )
        }
        for personalization in personalizations {
            for to in personalization["to"] as? [[String: Any]] ?? [] {
                if let email = to["email"] as? String { record.recipients.append(email) }
            }
        }
        guard !record.recipients.isEmpty else {
            return Self.error(400, "The to array is required for all personalization objects.", "personalizations.0.to")
        }
        record.subject = personalizations[0]["subject"] as? String ?? json["subject"] as? String
        let customArgs = personalizations[0]["custom_args"] as? [String: Any]
        record.idempotencyKey = customArgs?["homing_key"] as? String
        return nil
    }

    func reply(_ outcome: SinkOutcome, record: SinkRecord, sequence: Int) -> SinkReply {
        switch outcome {
        case .accepted, .malformed:
            return SinkReply(status: 202, headers: [("X-Message-Id", "sink-sendgrid-\(sequence)")])
        case .rejected:
            return Self.error(400, "Does not contain a valid address.", "personalizations.0.to.0.email")
        case .throttled:
            return Self.error(429, "too many requests", nil).retryingAfterOneSecond()
        case .failed:
            return Self.error(503, "Service Unavailable", nil)
        }
    }

    static func error(_ status: Int, _ message: String, _ field: String?) -> SinkReply {
        let field = field.map(JSONText.quoted) ?? "null"
        return .json(status, #"{"errors":[{"message":\#(JSONText.quoted(message)),"field":\#(field),"help":null}]}"#)
    }
}
