import Foundation
import HomingCore
import HomingStore

/// SendGrid's Event Webhook body (a JSON array of events) as delivery reports.
///
/// ```swift
/// let reports = try SendGridEvents.reports(from: rawBody, now: .now)
/// try store.applyDeliveryReports(reports, now: .now)
/// ```
///
/// Each event is matched to our outbox row by `homing_key` (our idempotency key, sent in
/// `custom_args`, which SendGrid echoes as a top-level field) and else by `sg_message_id`, whose
/// first part is the `X-Message-Id` stored as the row's provider id. Effects:
///
/// | event | delivery | suppression | consent |
/// |---|---|---|---|
/// | `delivered` | delivered | | |
/// | `bounce` (type `bounce`) | bounced | yes | |
/// | `bounce` (type `blocked`) | blocked | | |
/// | `dropped` | dropped | for `Invalid`, `Bounced Address`, `Spam Reporting Address`, `Unsubscribed Address` | |
/// | `spamreport` | spam | yes | withdrawn |
/// | `unsubscribe` | unsubscribed | yes | withdrawn |
///
/// Other events (`processed`, `deferred`, `open`, `click`, …) are ignored. A malformed event
/// refuses the whole batch with 400 naming it (`[3].email`), so nothing is half-applied.
public enum SendGridEvents {
    /// `dropped` reasons that mean the address can never receive mail from us.
    static let suppressingDropReasons: Set<String> = [
        "invalid", "bounced address", "spam reporting address", "unsubscribed address",
    ]

    public static func reports(from body: [UInt8], now: Instant) throws(WebhookRejection) -> [DeliveryReport] {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(body))
        } catch {
            throw .badRequest(
                field: nil,
                "the body is not valid JSON; SendGrid posts an array of events",
                reason: "malformed"
            )
        }
        guard let events = json as? [Any] else {
            throw .badRequest(field: nil, "the body must be a JSON array of events", reason: "malformed")
        }
        var reports: [DeliveryReport] = []
        for (index, element) in events.enumerated() {
            guard let event = element as? [String: Any] else {
                throw .badRequest(field: "[\(index)]", "event \(index) is not a JSON object")
            }
            if let report = try report(event, index: index, now: now) { reports.append(report) }
        }
        return reports
    }

    private static func report(
        _ event: [String: Any],
        index: Int,
        now: Instant
    ) throws(WebhookRejection)
        -> DeliveryReport?
    {
        let fields = EventFields(event: event, index: index)
        let name = try fields.requiredString("event")
        var report = DeliveryReport(
            channel: .email,
            message: MessageReference(
                outboxKey: try fields.string("homing_key"),
                providerMessageIDs: providerIDs(try fields.string("sg_message_id"))
            ),
            at: try fields.timestamp() ?? now
        )
        switch name {
        case "delivered":
            report.delivery = .delivered
            return report
        case "bounce":
            var detail = try fields.string("reason")
            if detail == nil { detail = try fields.string("status") }
            if try fields.string("type") == "blocked" {
                report.delivery = .blocked
            } else {
                report.delivery = .bounced
                report.suppression = "sendgrid bounce: \(detail ?? "no reason given")"
            }
        case "dropped":
            report.delivery = .dropped
            let reason = try fields.string("reason") ?? ""
            if suppressingDropReasons.contains(reason.trimmingCharacters(in: .whitespaces).lowercased()) {
                report.suppression = "sendgrid dropped: \(reason)"
            }
        case "spamreport", "unsubscribe":
            report.delivery = name == "spamreport" ? .spam : .unsubscribed
            report.suppression = "sendgrid \(name)"
            report.withdrawsConsent = true
        default:
            return nil
        }
        if report.suppression != nil { report.address = try fields.requiredString("email") }
        return report
    }

    /// `sg_message_id` is `<X-Message-Id>.filter…` (older ids have dots of their own): the part
    /// before `.filter`, then the part before the first dot.
    static func providerIDs(_ sgMessageID: String?) -> [String] {
        guard let sgMessageID, !sgMessageID.isEmpty else { return [] }
        var ids: [String] = []
        if let filter = sgMessageID.range(of: ".filter") { ids.append(String(sgMessageID[..<filter.lowerBound])) }
        if let dot = sgMessageID.firstIndex(of: ".") { ids.append(String(sgMessageID[..<dot])) }
        ids.append(sgMessageID)
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}

/// Typed access to one event's fields, with errors naming `[index].field`.
private struct EventFields {
    let event: [String: Any]
    let index: Int

    func string(_ name: String) throws(WebhookRejection) -> String? {
        guard let value = event[name], !(value is NSNull) else { return nil }
        guard let text = value as? String else {
            throw .badRequest(field: "[\(index)].\(name)", "\(name) of event \(index) must be a string")
        }
        return text
    }

    func requiredString(_ name: String) throws(WebhookRejection) -> String {
        guard let text = try string(name), !text.isEmpty else {
            throw .badRequest(field: "[\(index)].\(name)", "event \(index) has no \(name)")
        }
        return text
    }

    /// `timestamp` in Unix seconds.
    func timestamp() throws(WebhookRejection) -> Instant? {
        guard let value = event["timestamp"], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, number.doubleValue.isFinite,
            abs(number.doubleValue) < 1e11
        else {
            throw .badRequest(field: "[\(index)].timestamp", "timestamp of event \(index) must be Unix seconds")
        }
        return Instant(millisecondsSince1970: Int64(number.doubleValue * 1000))
    }
}
