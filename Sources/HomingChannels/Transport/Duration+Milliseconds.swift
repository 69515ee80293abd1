extension Duration {
    /// Whole milliseconds for libcurl's `*_MS` options, at least 1 (0 would mean "no limit").
    ///
    /// ```swift
    /// Duration.milliseconds(300).curlMilliseconds  // 300
    /// ```
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        let milliseconds = seconds.multipliedReportingOverflow(by: 1000)
        if milliseconds.overflow || seconds < 0 { return seconds < 0 ? 1 : Int.max }
        return max(1, Int(milliseconds.partialValue + attoseconds / 1_000_000_000_000_000))
    }
}
