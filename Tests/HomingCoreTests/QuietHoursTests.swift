import Foundation
import HomingCore
import Testing

/// Quiet hours defer to the window's end in the recipient's zone, across daylight-saving changes.
@Suite struct QuietHoursTests {
    private func at(_ text: String) throws -> Instant { try Instant(iso8601: text) }
    private let newYork = TimeZone(identifier: "America/New_York")!
    private let paris = TimeZone(identifier: "Europe/Paris")!

    /// An SMS at 21:30 local the evening before each change waits for 08:00 local the next morning,
    /// whose UTC instant is an hour different from the evening's offset.
    @Test(arguments: [
        ("America/New_York", "2026-03-08T02:30:00Z", "2026-03-08T12:00:00Z"),  // 21:30 EST → 08:00 EDT
        ("America/New_York", "2026-11-01T01:30:00Z", "2026-11-01T13:00:00Z"),  // 21:30 EDT → 08:00 EST
        ("Europe/Paris", "2026-03-28T20:30:00Z", "2026-03-29T06:00:00Z"),  // 21:30 CET → 08:00 CEST
        ("Europe/Paris", "2026-10-24T19:30:00Z", "2026-10-25T07:00:00Z"),  // 21:30 CEST → 08:00 CET
    ])
    func smsEveningBeforeTheChangeWaitsForMorning(zone: String, sent: String, expected: String) throws {
        let deferral = QuietHours.smsDefault.deferral(for: try at(sent), in: TimeZone(identifier: zone)!)
        #expect(deferral == (try at(expected)))
    }

    @Test func afterMidnightInsideTheWindowWaitsForTheSameMorning() throws {
        // 02:30 EDT on the morning after spring-forward; the window still ends at 08:00 EDT.
        let deferral = QuietHours.smsDefault.deferral(for: try at("2026-03-08T06:30:00Z"), in: newYork)
        #expect(deferral == (try at("2026-03-08T12:00:00Z")))
        // 01:30 on fall-back night occurs twice; both end at 08:00 EST.
        #expect(
            QuietHours.smsDefault.deferral(for: try at("2026-11-01T05:30:00Z"), in: newYork)
                == (try at("2026-11-01T13:00:00Z"))
        )
        #expect(
            QuietHours.smsDefault.deferral(for: try at("2026-11-01T06:30:00Z"), in: newYork)
                == (try at("2026-11-01T13:00:00Z"))
        )
    }

    @Test func outsideTheWindowIsAllowed() throws {
        #expect(QuietHours.smsDefault.deferral(for: try at("2026-03-29T06:00:00Z"), in: paris) == nil)  // 08:00 CEST
        #expect(QuietHours.smsDefault.deferral(for: try at("2026-03-28T19:59:00Z"), in: paris) == nil)  // 20:59 CET
        #expect(QuietHours.pushDefault.deferral(for: try at("2026-03-28T20:30:00Z"), in: paris) == nil)  // 21:30 CET
    }

    @Test func startIsInsideAndEndIsOutside() throws {
        #expect(QuietHours.pushDefault.deferral(for: try at("2026-10-24T20:00:00Z"), in: paris) != nil)  // 22:00 CEST
        #expect(QuietHours.pushDefault.deferral(for: try at("2026-10-25T07:00:00Z"), in: paris) == nil)  // 08:00 CET
    }

    @Test func aWindowThatDoesNotWrapMidnight() throws {
        let lunch = try #require(QuietHours(parsing: "12:00-14:00"))
        #expect(lunch.deferral(for: try at("2026-06-01T11:30:00Z"), in: paris) == (try at("2026-06-01T12:00:00Z")))
        #expect(lunch.deferral(for: try at("2026-06-01T12:00:00Z"), in: paris) == nil)
        #expect(QuietHours(parsing: "25:00-08:00") == nil)
        #expect(QuietHours(parsing: "21:00") == nil)
    }
}
