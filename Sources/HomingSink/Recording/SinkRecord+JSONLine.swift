import HomingCore

extension SinkRecord {
    /// Appends the record as one JSON object and a trailing newline to `out`, encoded by hand: at
    /// ten thousand messages a second a generic encoder would cost more than the rest of the sink.
    func appendJSONLine(to out: inout [UInt8]) {
        out.append(contentsOf: #"{"received_at":""#.utf8)
        Self.appendTimestamp(receivedAt, to: &out)
        out.append(UInt8(ascii: "\""))
        field("channel", channel, &out)
        field("provider", provider, &out)
        out.append(contentsOf: #","recipient":"#.utf8)
        if let first = recipients.first {
            JSONText.appendString(first, to: &out)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        if provider == "smtp" {
            out.append(contentsOf: #","recipients":["#.utf8)
            for (index, recipient) in recipients.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(recipient, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        if let subject { field("subject", subject, &out) }
        if let title { field("title", title, &out) }
        if let body { field("body", body, &out) }
        out.append(contentsOf: #","headers":{"#.utf8)
        for (index, header) in headers.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(header.name, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONText.appendString(header.value, to: &out)
        }
        out.append(contentsOf: #"},"idempotency_key":"#.utf8)
        if let idempotencyKey {
            JSONText.appendString(idempotencyKey, to: &out)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        if let size {
            out.append(contentsOf: #","size":"#.utf8)
            out.append(contentsOf: String(size).utf8)
        }
        out.append(contentsOf: #","status":"#.utf8)
        out.append(contentsOf: String(status).utf8)
        field("outcome", outcome.rawValue, &out)
        out.append(contentsOf: "}\n".utf8)
    }

    private func field(_ name: String, _ value: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        JSONText.appendString(name, to: &out)
        out.append(UInt8(ascii: ":"))
        JSONText.appendString(value, to: &out)
    }

    /// `2026-11-24T07:00:33.120Z`: always with milliseconds, unlike `Instant.iso8601`, so lines
    /// sort and compare as text. Digits go straight into `out`: this runs for every message.
    static func appendTimestamp(_ instant: Instant, to out: inout [UInt8]) {
        let ms = instant.millisecondsSince1970
        let perDay = Instant.millisecondsPerDay
        let days = ms >= 0 ? ms / perDay : -((-ms + perDay - 1) / perDay)
        let msOfDay = ms - days * perDay
        let (year, month, day) = Instant.civil(fromDays: days)
        let seconds = msOfDay / 1000
        func digits(_ value: Int64, _ width: Int, then separator: UInt8?) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            var value = value
            if value < 0 {
                out.append(UInt8(ascii: "-"))
                value = -value
            }
            // A year past 9999 keeps its extra digits rather than being cut.
            while value / divisor >= 10 { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(value / divisor))
                value %= divisor
                divisor /= 10
            }
            if let separator { out.append(separator) }
        }
        digits(year, 4, then: UInt8(ascii: "-"))
        digits(month, 2, then: UInt8(ascii: "-"))
        digits(day, 2, then: UInt8(ascii: "T"))
        digits(seconds / 3600, 2, then: UInt8(ascii: ":"))
        digits(seconds / 60 % 60, 2, then: UInt8(ascii: ":"))
        digits(seconds % 60, 2, then: UInt8(ascii: "."))
        digits(msOfDay % 1000, 3, then: UInt8(ascii: "Z"))
    }
}
