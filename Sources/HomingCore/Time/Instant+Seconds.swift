extension Instant {
    /// The instant `seconds` later; negative goes back.
    ///
    /// ```swift
    /// Instant(millisecondsSince1970: 0).adding(seconds: 90).millisecondsSince1970   // 90_000
    /// ```
    public func adding(seconds: Int64) -> Instant {
        Instant(millisecondsSince1970: millisecondsSince1970 + seconds * 1000)
    }

    /// Whole seconds since 1970-01-01T00:00:00Z, rounded down.
    public var secondsSince1970: Int64 {
        let ms = millisecondsSince1970
        return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000)
    }

    /// The instant at `seconds` since 1970-01-01T00:00:00Z.
    public init(secondsSince1970 seconds: Int64) { self.init(millisecondsSince1970: seconds * 1000) }
}
