import HomingCore
import Testing

/// Frequency caps per channel and overall, and when a capped message may go.
@Suite struct FrequencyCapsTests {
    private let now = Instant(secondsSince1970: 1_800_000_000)
    private func hoursAgo(_ hours: Int64) -> Instant { now.adding(seconds: -hours * 3600) }

    @Test func oneMarketingEmailPerSixteenHoursDefers() {
        let decision = FrequencyCaps.defaults.check(history: [(.email, hoursAgo(10))], channel: .email, now: now)
        let emailCap = FrequencyCaps.defaults.caps[0]
        #expect(decision == .exceeded(emailCap, retryAt: hoursAgo(10).adding(seconds: 16 * 3600)))
        #expect(emailCap.action == .defer)
    }

    @Test func theEmailCapIgnoresOtherChannelsAndOldSends() {
        let history: [(channel: DeliveryChannel, sentAt: Instant)] = [(.sms, hoursAgo(1)), (.email, hoursAgo(16))]
        #expect(FrequencyCaps.defaults.check(history: history, channel: .email, now: now) == .allowed)
        #expect(FrequencyCaps.defaults.check(history: [(.email, hoursAgo(1))], channel: .push, now: now) == .allowed)
    }

    @Test func threeMessagesPerWeekOverallSkip() {
        let history: [(channel: DeliveryChannel, sentAt: Instant)] = [
            (.push, hoursAgo(150)), (.sms, hoursAgo(100)), (.email, hoursAgo(50)),
        ]
        let overall = FrequencyCaps.defaults.caps[1]
        // The oldest counted send (150 h ago) leaves the 168 h window in 18 h.
        #expect(
            FrequencyCaps.defaults.check(history: history, channel: .push, now: now)
                == .exceeded(overall, retryAt: hoursAgo(150).adding(seconds: 7 * 86_400))
        )
        #expect(overall.action == .skip)
    }

    @Test func aSkipCapWinsOverADeferCap() {
        // Both caps exceeded for an email: skip decides, whatever the retry times.
        let history: [(channel: DeliveryChannel, sentAt: Instant)] = [
            (.email, hoursAgo(2)), (.sms, hoursAgo(3)), (.push, hoursAgo(4)),
        ]
        guard case .exceeded(let cap, _) = FrequencyCaps.defaults.check(history: history, channel: .email, now: now)
        else { return #expect(Bool(false), "both caps are exceeded") }
        #expect(cap.action == .skip)
    }

    @Test func retryAtLetsEnoughSendsAgeOut() {
        let caps = FrequencyCaps([FrequencyCap(channel: nil, limit: 2, windowSeconds: 10 * 3600, action: .defer)])
        let history: [(channel: DeliveryChannel, sentAt: Instant)] = [
            (.email, hoursAgo(1)), (.sms, hoursAgo(9)), (.push, hoursAgo(5)), (.sms, hoursAgo(3)),
        ]
        // Four in the window, limit two: three must leave, the third oldest (3 h ago) leaves in 7 h.
        let decision = caps.check(history: history, channel: .email, now: now)
        #expect(decision == .exceeded(caps.caps[0], retryAt: hoursAgo(3).adding(seconds: 10 * 3600)))
        let retryAt = hoursAgo(3).adding(seconds: 10 * 3600)
        #expect(caps.check(history: history, channel: .email, now: retryAt) == .allowed)
        let justBefore = Instant(millisecondsSince1970: retryAt.millisecondsSince1970 - 1)
        #expect(caps.check(history: history, channel: .email, now: justBefore) != .allowed)
        #expect(caps.check(history: Array(history.prefix(1)), channel: .email, now: now) == .allowed)
    }

    @Test func noCapsAllowEverything() {
        let history = [(channel: DeliveryChannel.email, sentAt: now)]
        #expect(FrequencyCaps([]).check(history: history, channel: .email, now: now) == .allowed)
    }
}
