import HomingChannels
import HomingCore

/// The messages a channel bench sends, built up front so the clock sees no rendering.
///
/// ```swift
/// let batch = BenchMessages.make(count: 100_000, kind: .mime, bytes: 4_096)
/// ```
///
/// Every message has its own recipient and idempotency key; the payload is one shared
/// copy-on-write value, so a million messages cost ~100 MB less than distinct bodies would and the
/// peak RSS reflects the transport, not the batch.
enum BenchMessages {
    static func make(count: Int, kind: OutgoingMessage.PayloadKind, bytes: Int) -> [OutgoingMessage] {
        let payload = payload(kind, bytes: bytes)
        return (0..<count).map { index in
            OutgoingMessage(recipient: "c\(index)@bench.test", idempotencyKey: "bench_\(index)", payload: payload)
        }
    }

    static func payload(_ kind: OutgoingMessage.PayloadKind, bytes: Int) -> OutgoingMessage.Payload {
        switch kind {
        case .mime:
            return .mime(Array(mime(bodyBytes: bytes).utf8))
        case .email:
            let text = paragraph(bytes / 3)
            return .email(subject: "Thank you for your order", text: text, html: "<p>\(paragraph(bytes * 2 / 3))</p>")
        default:
            return .fields(["event": "win_back", "customer_id": "c_1042", "segment": "at_risk", "locale": "fr-FR"])
        }
    }

    /// A plain-text RFC 5322 message of about `bodyBytes`, CRLF line ends, lines under 78 octets.
    static func mime(bodyBytes: Int) -> String {
        let headers = [
            "From: Shop <hello@shop.test>",
            "To: Customer <customer@bench.test>",
            "Subject: Thank you for your order",
            "Date: Thu, 05 Mar 2026 12:00:00 +0000",
            "Message-ID: <bench@shop.test>",
            "X-Homing-Key: bench",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 7bit",
        ]
        var body: [String] = []
        var size = 0
        while size < bodyBytes {
            let line = "Line \(body.count): your order is on its way and we hope you enjoy it."
            body.append(line)
            size += line.utf8.count + 2
        }
        return (headers + [""] + body).joined(separator: "\r\n") + "\r\n"
    }

    private static func paragraph(_ bytes: Int) -> String {
        let sentence = "Your order is on its way and we hope you enjoy it. "
        return String(repeating: sentence, count: max(1, bytes / sentence.utf8.count))
    }
}
