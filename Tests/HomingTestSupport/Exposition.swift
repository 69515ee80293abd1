/// A Prometheus text exposition (what `GET /metrics` answers), read one sample at a time.
///
/// ```swift
/// let scrape = Exposition(text: response.bodyText)
/// #expect(scrape.value(#"homing_deliveries_total{state="sent",channel="email"}"#) == 40)
/// ```
///
/// `series` is matched exactly, name and labels as exposed (labels in the order the server writes
/// them), so `…} 4` never passes for `…} 40`. A series that is not exposed reads as nil.
public struct Exposition: Sendable {
    public let text: String

    public init(text: String) { self.text = text }

    /// The value of the sample named exactly `series`.
    public func value(_ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }
}
