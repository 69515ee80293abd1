/// Twilio `POST /2010-04-01/Accounts/{sid}/Messages.json` with a form of `To`, `From` or
/// `MessagingServiceSid`, and `Body`: `201` with the message resource; the key is the header
/// `X-Homing-Key`, as ``TwilioAdapter`` sends it.
///
/// ```swift
/// // curl localhost:8025/2010-04-01/Accounts/AC1/Messages.json -d To=%2B15550100 -d From=%2B15550199 -d Body=Hi
/// ```
struct TwilioEndpoint: ProviderEndpoint {
    let channel = "sms"
    let provider = "twilio"
    let accountSID: String

    func read(_ request: SinkHTTPRequest, into record: inout SinkRecord) -> SinkReply? {
        guard let form = request.form() else { return Self.error(400, 21602, "Message body is required.") }
        guard let to = form["To"], !to.isEmpty else {
            return Self.error(400, 21604, "A 'To' phone number is required.")
        }
        guard let body = form["Body"], !body.isEmpty else { return Self.error(400, 21602, "Message body is required.") }
        record.recipients = [to]
        record.body = body
        record.idempotencyKey = request.headers.first(name: "X-Homing-Key")
        return nil
    }

    func reply(_ outcome: SinkOutcome, record: SinkRecord, sequence: Int) -> SinkReply {
        let to = record.recipients.first ?? ""
        switch outcome {
        case .accepted, .malformed:
            let sid = "SM" + Self.hex(sequence)
            return .json(
                201,
                #"{"sid":"\#(sid)","account_sid":\#(JSONText.quoted(accountSID)),"to":\#(JSONText.quoted(to)),"#
                    + #""body":\#(JSONText.quoted(record.body ?? "")),"status":"queued","direction":"outbound-api","#
                    + #""num_segments":"1","error_code":null,"error_message":null,"price":null,"#
                    + #""uri":"/2010-04-01/Accounts/\#(accountSID)/Messages/\#(sid).json"}"#
            )
        case .rejected:
            return Self.error(400, 21211, "The 'To' number \(to) is not a valid phone number.")
        case .throttled:
            return Self.error(429, 20429, "Too Many Requests").retryingAfterOneSecond()
        case .failed:
            return Self.error(503, 20503, "Service Unavailable")
        }
    }

    static func error(_ status: Int, _ code: Int, _ message: String) -> SinkReply {
        .json(
            status,
            #"{"code":\#(code),"message":\#(JSONText.quoted(message)),"#
                + #""more_info":"https://www.twilio.com/docs/errors/\#(code)","status":\#(status)}"#
        )
    }

    /// 32 hex digits, like a real message SID.
    static func hex(_ value: Int) -> String {
        let digits = String(UInt64(truncatingIfNeeded: value), radix: 16)
        return String(repeating: "0", count: 32 - digits.count) + digits
    }
}
