import Foundation
import HomingCore
import Testing

/// `LocalTimeOfDay.nextOccurrence` over the 2026 daylight-saving changes of New York and Paris.
@Suite struct LocalTimeOfDayTests {
    private func at(_ text: String) throws -> Instant { try Instant(iso8601: text) }
    private func time(_ text: String) throws -> LocalTimeOfDay { try #require(LocalTimeOfDay(parsing: text)) }
    private let newYork = TimeZone(identifier: "America/New_York")!
    private let paris = TimeZone(identifier: "Europe/Paris")!

    @Test func tenOClockAcrossEachChange() throws {
        let ten = try time("10:00")
        // Evening before, in the old offset; next morning, in the new one.
        #expect(
            ten.nextOccurrence(after: try at("2026-03-08T02:30:00Z"), in: newYork) == (try at("2026-03-08T14:00:00Z"))
        )
        #expect(
            ten.nextOccurrence(after: try at("2026-11-01T01:30:00Z"), in: newYork) == (try at("2026-11-01T15:00:00Z"))
        )
        #expect(
            ten.nextOccurrence(after: try at("2026-03-28T20:30:00Z"), in: paris) == (try at("2026-03-29T08:00:00Z"))
        )
        #expect(
            ten.nextOccurrence(after: try at("2026-10-24T19:30:00Z"), in: paris) == (try at("2026-10-25T09:00:00Z"))
        )
    }

    @Test func aTimeInTheSpringForwardGapMovesToTheEndOfTheGap() throws {
        let halfPastTwo = try time("02:30")
        // New York: 02:00 EST jumps to 03:00 EDT at 07:00Z.
        #expect(
            halfPastTwo.nextOccurrence(after: try at("2026-03-08T05:00:00Z"), in: newYork)
                == (try at("2026-03-08T07:00:00Z"))
        )
        // Paris: 02:00 CET jumps to 03:00 CEST at 01:00Z.
        #expect(
            halfPastTwo.nextOccurrence(after: try at("2026-03-28T23:00:00Z"), in: paris)
                == (try at("2026-03-29T01:00:00Z"))
        )
    }

    @Test func aTimeThatOccursTwiceTakesTheFirst() throws {
        // New York 01:30 on 2026-11-01 is 05:30Z (EDT) and 06:30Z (EST).
        #expect(
            try time("01:30").nextOccurrence(after: try at("2026-11-01T03:00:00Z"), in: newYork)
                == (try at("2026-11-01T05:30:00Z"))
        )
        // Paris 02:30 on 2026-10-25 is 00:30Z (CEST) and 01:30Z (CET).
        #expect(
            try time("02:30").nextOccurrence(after: try at("2026-10-24T22:00:00Z"), in: paris)
                == (try at("2026-10-25T00:30:00Z"))
        )
    }

    @Test func strictlyAfterTheGivenInstant() throws {
        let ten = try time("10:00")
        #expect(
            ten.nextOccurrence(after: try at("2026-06-01T08:00:00Z"), in: paris) == (try at("2026-06-02T08:00:00Z"))
        )
        #expect(
            ten.nextOccurrence(after: try at("2026-06-01T07:59:59Z"), in: paris) == (try at("2026-06-01T08:00:00Z"))
        )
    }

    @Test func parsing() throws {
        #expect(LocalTimeOfDay(parsing: "08:05")?.description == "08:05")
        #expect(LocalTimeOfDay(parsing: "8:05")?.description == "08:05")
        #expect(LocalTimeOfDay(parsing: "23:59") != nil)
        for bad in ["25:00", "24:00", "10:60", "10", "10:5", "ab:cd", "-1:00", "10:00:00", ""] {
            #expect(LocalTimeOfDay(parsing: bad) == nil, "\(bad)")
        }
    }
}
