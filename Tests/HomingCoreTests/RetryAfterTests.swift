import HomingCore
import Testing

@Suite struct RetryAfterTests {
    let now = try! Instant(iso8601: "2015-10-21T07:27:00Z")

    @Test func deltaSecondsCountFromNow() throws {
        #expect(
            RetryAfter.parse("120", now: now) == Instant(millisecondsSince1970: now.millisecondsSince1970 + 120_000)
        )
        #expect(RetryAfter.parse("0", now: now) == now)
        #expect(RetryAfter.parse(" 7\t", now: now) == Instant(millisecondsSince1970: now.millisecondsSince1970 + 7000))
    }

    @Test func imfFixdate() throws {
        let expected = try Instant(iso8601: "2015-10-21T07:28:00Z")
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == expected)
        #expect(
            RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: now)
                == (try Instant(iso8601: "1994-11-06T08:49:37Z"))
        )
        #expect(
            RetryAfter.parse("Thu, 29 Feb 2024 23:59:59 GMT", now: now)
                == (try Instant(iso8601: "2024-02-29T23:59:59Z"))
        )
    }

    @Test func obsoleteRFC850AndAsctimeForms() throws {
        let expected = try Instant(iso8601: "1994-11-06T08:49:37Z")
        #expect(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", now: now) == expected)
        #expect(RetryAfter.parse("Sun Nov  6 08:49:37 1994", now: now) == expected)
        #expect(
            RetryAfter.parse("Wed Oct 21 07:28:00 2015", now: now) == (try Instant(iso8601: "2015-10-21T07:28:00Z"))
        )
    }

    @Test func rfc850TwoDigitYearsMoreThanFiftyYearsAheadAreInThePast() throws {
        // RFC 9110 §5.6.7: seen from 2015, "65" is 2065 (50 years on) but "66" is 1966.
        #expect(
            RetryAfter.parse("Wednesday, 21-Oct-65 07:28:00 GMT", now: now)
                == (try Instant(iso8601: "2065-10-21T07:28:00Z"))
        )
        #expect(
            RetryAfter.parse("Friday, 21-Oct-66 07:28:00 GMT", now: now)
                == (try Instant(iso8601: "1966-10-21T07:28:00Z"))
        )
        #expect(
            RetryAfter.parse("Thursday, 22-Oct-15 07:28:00 GMT", now: now)
                == (try Instant(iso8601: "2015-10-22T07:28:00Z"))
        )
    }

    @Test func namesIgnoreCase() throws {
        #expect(
            RetryAfter.parse("wed, 21 OCT 2015 07:28:00 gmt", now: now)
                == (try Instant(iso8601: "2015-10-21T07:28:00Z"))
        )
    }

    @Test(arguments: [
        "", " ", "soon", "-5", "1.5", "12s", "99999999999999999999",
        "Wed, 21 Oct 2015 07:28:00",  // no GMT
        "Wed, 21 Oct 2015 07:28:00 UTC",
        "Wed, 21 Oct 15 07:28:00 GMT",  // IMF-fixdate needs four digits
        "Wed, 1 Oct 2015 07:28:00 GMT",  // and a two-digit day
        "Wed, 31 Sep 2015 07:28:00 GMT",
        "Wed, 29 Feb 2015 07:28:00 GMT",
        "Wed, 21 Oct 2015 24:00:00 GMT",
        "Wed, 21 Oct 2015 07:60:00 GMT",
        "Wed, 21 Foo 2015 07:28:00 GMT",
        "Wod, 21 Oct 2015 07:28:00 GMT",
        "Wednesday, 21 Oct 2015 07:28:00 GMT",  // long day name with the IMF date
        "Wed, 21-Oct-15 07:28:00 GMT",  // short day name with the RFC 850 date
        "Wed, 21 Oct 2015 07:28:00 GMT trailing",
        "Wed Oct 21 07:28:00 15",
        "Wed Oct 6 07:28:00 2015",  // asctime pads a one-digit day with a space
    ])
    func rejectsEverythingElse(_ value: String) {
        #expect(RetryAfter.parse(value, now: now) == nil)
    }

    @Test func rateLimitResetIsEpochSeconds() throws {
        #expect(RetryAfter.rateLimitReset("1445412480") == (try Instant(iso8601: "2015-10-21T07:28:00Z")))
        #expect(RetryAfter.rateLimitReset(" 0 ") == Instant(millisecondsSince1970: 0))
        #expect(RetryAfter.rateLimitReset("") == nil)
        #expect(RetryAfter.rateLimitReset("1445412480.5") == nil)
        #expect(RetryAfter.rateLimitReset("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
        #expect(RetryAfter.rateLimitReset("99999999999999999999") == nil)
    }
}
