import Foundation
import HomingCore
import HomingStore

/// What Twilio posts to `/webhooks/providers/twilio`, as delivery reports: status callbacks
/// (`MessageSid`, `MessageStatus`, `ErrorCode`) and inbound messages (`From`, `Body`).
///
/// ```swift
/// let form = try FormFields(bytes: rawBody)
/// let reports = try TwilioCallback.reports(from: form, now: .now)   // [] for a message that is not an opt-out
/// ```
///
/// A status callback sets the row's delivery (`delivered`, `undelivered`, `failed`; earlier
/// states like `queued` or `sent` record nothing) on the outbox row whose provider id is the
/// `MessageSid`; the error codes in ``suppressingErrorCodes`` also suppress the number (`To`, and
/// the row's customer's phone); 21610 (the number replied STOP to Twilio itself) withdraws SMS
/// consent too. An inbound message whose trimmed body is an opt-out keyword in any case, or that
/// Twilio's Advanced Opt-Out marks `OptOutType=STOP`, suppresses the sender's number and
/// withdraws SMS consent of every customer with it. An opt-in reply (``optInKeywords``, or
/// `OptOutType=START`) is not a report: ``optInSender(_:)`` names the number, and the route lifts
/// its opt-out suppression and gives back the SMS consent the recipient withdrew (``SMSOptInStore``).
public enum TwilioCallback {
    /// Opt-out keywords, compared after trimming and upper-casing: Twilio's own, French, Chinese.
    public static let optOutKeywords: Set<String> = [
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ARRET", "ARRÊT", "退订",
    ]

    /// Twilio's opt-in keywords, compared like the opt-out ones.
    public static let optInKeywords: Set<String> = ["START", "UNSTOP", "YES"]

    /// 21211 invalid number, 21614 not a mobile number, 21610 the recipient replied STOP,
    /// 30003 unreachable handset, 30005 unknown or inactive number, 30006 landline or unreachable carrier.
    public static let suppressingErrorCodes: Set<String> = ["21211", "21614", "21610", "30003", "30005", "30006"]

    public static func reports(from form: FormFields, now: Instant) throws(WebhookRejection) -> [DeliveryReport] {
        if let status = form["MessageStatus"], status != "received" {
            return try statusReports(form, status: status, now: now)
        }
        if let body = form["Body"] {
            guard let from = form["From"], !from.isEmpty else {
                throw .badRequest(field: "From", "an inbound message needs From, the sender's number")
            }
            // Advanced Opt-Out names the kind itself, keywords configured at Twilio included.
            guard isOptOut(body) || form["OptOutType"]?.uppercased() == "STOP" else { return [] }
            return [
                DeliveryReport(
                    channel: .sms,
                    at: now,
                    address: from,
                    suppression: "sms opt-out reply",
                    withdrawsConsent: true
                )
            ]
        }
        throw .badRequest(
            field: "MessageStatus",
            "neither MessageStatus (a status callback) nor Body (an inbound message) is present"
        )
    }

    /// The sender's number when the form is an inbound opt-in reply, else nil.
    public static func optInSender(_ form: FormFields) -> String? {
        guard form["MessageStatus"] == nil || form["MessageStatus"] == "received", let body = form["Body"],
            let from = form["From"], !from.isEmpty
        else { return nil }
        return optInKeywords.contains(keyword(body)) || form["OptOutType"]?.uppercased() == "START" ? from : nil
    }

    public static func isOptOut(_ body: String) -> Bool { optOutKeywords.contains(keyword(body)) }

    /// A reply as the keyword lists spell it: trimmed and upper-cased.
    private static func keyword(_ body: String) -> String {
        body.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }

    private static func statusReports(
        _ form: FormFields,
        status: String,
        now: Instant
    ) throws(WebhookRejection)
        -> [DeliveryReport]
    {
        guard let sid = form["MessageSid"] ?? form["SmsSid"], !sid.isEmpty else {
            throw .badRequest(field: "MessageSid", "a status callback needs MessageSid")
        }
        var report = DeliveryReport(channel: .sms, message: MessageReference(providerMessageIDs: [sid]), at: now)
        switch status {
        case "delivered": report.delivery = .delivered
        case "undelivered": report.delivery = .undelivered
        case "failed": report.delivery = .failed
        default: break
        }
        if let code = form["ErrorCode"]?.trimmingCharacters(in: .whitespaces), suppressingErrorCodes.contains(code) {
            report.suppression = "twilio error \(code)"
            report.address = form["To"].flatMap { $0.isEmpty ? nil : $0 }
            report.withdrawsConsent = code == "21610"
        }
        guard report.delivery != nil || report.suppression != nil else { return [] }
        return [report]
    }
}
