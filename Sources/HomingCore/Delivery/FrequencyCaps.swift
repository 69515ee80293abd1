/// The caps in force, and the check made just before a marketing message goes out.
///
/// ```swift
/// let caps = FrequencyCaps.defaults   // 1 email per 16 h (defer), 3 messages per 7 days (skip)
/// switch caps.check(history: [(.email, sentAt)], channel: .email, now: now) {
/// case .allowed: send()
/// case .exceeded(let cap, let retryAt): cap.action == .skip ? skip(cap) : defer(until: retryAt)
/// }
/// ```
///
/// `history` is the customer's marketing sends (channel and instant); a send counts while it is
/// less than the window old. When several caps are exceeded, a `skip` cap wins over a `defer`
/// one, and among `defer` caps the latest `retryAt`, so a deferred message is not refused again.
public struct FrequencyCaps: Hashable, Sendable {
    public var caps: [FrequencyCap]

    public init(_ caps: [FrequencyCap]) { self.caps = caps }

    /// 1 marketing email per 16 hours, deferred; 3 marketing messages on any channel per 7 days, skipped.
    public static let defaults = FrequencyCaps([
        FrequencyCap(channel: .email, limit: 1, windowSeconds: 16 * 3600, action: .defer),
        FrequencyCap(channel: nil, limit: 3, windowSeconds: 7 * 86_400, action: .skip),
    ])

    public func check(
        history: [(channel: DeliveryChannel, sentAt: Instant)],
        channel: DeliveryChannel,
        now: Instant
    ) -> CapDecision {
        var worst: (cap: FrequencyCap, retryAt: Instant)?
        for cap in caps where cap.covers(channel) {
            let windowStart = now.adding(seconds: -cap.windowSeconds)
            let counted = history.filter { cap.covers($0.channel) && $0.sentAt > windowStart && $0.sentAt <= now }
                .map(\.sentAt).sorted()
            guard counted.count >= cap.limit else { continue }
            // Enough of the oldest sends must age out to leave room for one more.
            let retryAt = counted[counted.count - cap.limit].adding(seconds: cap.windowSeconds)
            if let current = worst {
                let skipWins = (cap.action == .skip) != (current.cap.action == .skip)
                if skipWins ? cap.action == .skip : retryAt > current.retryAt { worst = (cap, retryAt) }
            } else {
                worst = (cap, retryAt)
            }
        }
        guard let worst else { return .allowed }
        return .exceeded(worst.cap, retryAt: worst.retryAt)
    }
}

/// The outcome of ``FrequencyCaps/check(history:channel:now:)``; record the cap as the reason.
///
/// ```swift
/// if case .exceeded(let cap, let retryAt) = decision { print("over \(cap), free at \(retryAt)") }
/// ```
public enum CapDecision: Hashable, Sendable {
    case allowed
    /// Over `cap`; under it again at `retryAt`, when the oldest counted send leaves the window.
    case exceeded(FrequencyCap, retryAt: Instant)
}
