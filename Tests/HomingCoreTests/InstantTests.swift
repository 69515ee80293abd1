import HomingCore
import Testing

@Suite struct InstantTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2026-03-05T14:22:10+01:00", Int64(1_772_716_930_000)),
        ("2026-03-05T13:22:10Z", Int64(1_772_716_930_000)),
        ("2026-03-05T08:22:10-0500", Int64(1_772_716_930_000)),
        ("2026-03-05 13:22:10.25Z", Int64(1_772_716_930_250)),
        ("2026-03-05T13:22Z", Int64(1_772_716_920_000)),
        ("2024-02-29T00:00:00Z", Int64(1_709_164_800_000)),
        ("1969-12-31T23:59:59Z", Int64(-1000)),
    ])
    func parsesIso8601WithOffsets(text: String, milliseconds: Int64) throws {
        #expect(try Instant(iso8601: text).millisecondsSince1970 == milliseconds)
    }

    @Test(arguments: [
        "2026-03-05", "2026-03-05T14:22:10", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2026-03-05T24:00:00Z",
        "05/03/2026 10:00", "2026-03-05T14:22:10+25:00", "", "2026-03-05T14:22:10Zjunk",
    ])
    func refusesTimestampsWithoutAnOffsetOrOutOfRange(text: String) {
        #expect(throws: TimestampError.self) { try Instant(iso8601: text) }
    }

    @Test func explainsAMissingOffset() {
        #expect(throws: TimestampError(description: "\"2026-03-05T14:22:10\" has no UTC offset: add Z or +hh:mm")) {
            try Instant(iso8601: "2026-03-05T14:22:10")
        }
    }

    @Test func formatsAsUtcAndRoundTrips() throws {
        let instant = try Instant(iso8601: "2026-03-05T14:22:10.5+01:00")
        #expect(instant.iso8601 == "2026-03-05T13:22:10.500Z")
        #expect(try Instant(iso8601: instant.iso8601) == instant)
        #expect(Instant(millisecondsSince1970: -1000).iso8601 == "1969-12-31T23:59:59Z")
    }

    @Test func wholeDaysRoundDown() throws {
        let a = try Instant(iso8601: "2026-01-01T00:00:00Z")
        #expect(try Instant(iso8601: "2026-01-02T23:59:59Z").days(since: a) == 1)
        #expect(try Instant(iso8601: "2026-01-03T00:00:00Z").days(since: a) == 2)
        #expect(a.adding(days: 3).iso8601 == "2026-01-04T00:00:00Z")
    }

    @Test func commandLineDatesMeanMidnightUtc() throws {
        #expect(try Instant(iso8601OrDate: "2026-11-01").iso8601 == "2026-11-01T00:00:00Z")
    }
}
