import Foundation

extension Instant {
    /// The current time from the system clock, truncated to the millisecond.
    ///
    /// ```swift
    /// let sentAt = Instant.now
    /// ```
    ///
    /// Code that must be testable takes a clock (`@Sendable () -> Instant`) defaulting to this.
    public static var now: Instant {
        Instant(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
