/// Calendar arithmetic on Unix seconds for the generator, on top of `Instant`'s, so formatting never depends
/// on a platform's formatter.
public enum DemoClock {
    /// Unix seconds of an ISO 8601 instant or a bare date (midnight UTC), as `--until` takes them.
    ///
    /// ```swift
    /// try DemoClock.parse("2026-11-01T01:00:00+01:00")   // 1_793_491_200
    /// ```
    public static func parse(_ text: String) throws(DemoDataError) -> Int64 {
        do {
            return try Instant(iso8601OrDate: text).millisecondsSince1970 / 1000
        } catch {
            throw DemoDataError(description: error.description)
        }
    }

    // The calendar arithmetic is Instant's; these adapt it to the generator's Int arithmetic.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        Int(Instant.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let date = Instant.civil(fromDays: Int64(days))
        return (Int(date.year), Int(date.month), Int(date.day))
    }

    static func daysIn(month: Int, year: Int) -> Int { Int(Instant.daysIn(month: Int64(month), year: Int64(year))) }
}
