extension SinkFaults {
    /// Parses `--fail-rate`: a number from 0 to 1, such as `0.1`.
    public static func parseFailRate(_ text: String) throws(SinkOptionError) -> Double {
        guard let value = Double(text), value >= 0, value <= 1 else {
            throw SinkOptionError(option: "--fail-rate", value: text, expected: "a share from 0 to 1, such as 0.1")
        }
        return value
    }

    /// Parses `--throttle`: `N/s` with N ≥ 1, such as `200/s`.
    public static func parseRate(_ text: String) throws(SinkOptionError) -> Int {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1] == "s", let rate = Int(parts[0]), rate >= 1 else {
            throw SinkOptionError(option: "--throttle", value: text, expected: "RATE/s")
        }
        return rate
    }

    /// Parses `--latency`: a whole number with `ms` or `s`, such as `50ms` or `2s`.
    public static func parseLatency(_ text: String) throws(SinkOptionError) -> Duration {
        let error = SinkOptionError(option: "--latency", value: text, expected: "a duration such as 50ms or 2s")
        if text.hasSuffix("ms"), let value = Int(text.dropLast(2)), value >= 0 { return .milliseconds(value) }
        if text.hasSuffix("s"), let value = Int(text.dropLast()), value >= 0 { return .seconds(value) }
        throw error
    }

    /// Parses `--reject-recipients`: a regular expression.
    public static func recipientPattern(_ text: String) throws(SinkOptionError) -> RecipientPattern {
        try RecipientPattern(text)
    }
}
