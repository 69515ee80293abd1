import Foundation
import HomingCore
import Testing

@testable import HomingTemplates

/// The short lists of recent keys in front of the plan and skeleton dictionaries must answer exactly what
/// the dictionaries would, and a one-line part must be told from a multi-line one as before.
@Suite struct RecentLookupsTests {
    @Test func remembersUpToItsCapacityAndReplacesTheOldest() {
        var recent = RecentLookups<String, Int>(capacity: 3)
        for (index, key) in ["a", "b", "c"].enumerated() { recent.remember(key, index) }
        #expect(recent["a"] == 0)
        #expect(recent["c"] == 2)
        recent.remember("d", 3)
        #expect(recent["a"] == nil)
        #expect(recent["b"] == 1)
        #expect(recent["d"] == 3)
        recent.remember("e", 4)
        #expect(recent["b"] == nil)
        #expect(recent["c"] == 2)
        recent.removeAll()
        #expect(recent["c"] == nil)
        recent.remember("f", 5)
        #expect(recent["f"] == 5)
    }

    @Test func findsEqualKeysHeldInOtherStorage() {
        var recent = RecentLookups<[Int], String>(capacity: 4)
        recent.remember([1, 0, 2, -1, 1], "shape")
        let rebuilt = Array([1, 0, 2]) + [-1, 1]
        #expect(recent[rebuilt] == "shape")
        #expect(recent[[1, 0, 2, -1, 0]] == nil)
    }

    /// More tags than the list holds: plans pushed out of it still come from the dictionary, the same
    /// object, and each tag keeps its own plan.
    @Test func plansPastTheRecentListAreTheSameObjects() throws {
        let renderer = MessageRenderer(catalog: Fixtures.catalog)
        let tags = [
            "en", "en-US", "en-GB", "fr", "fr-FR", "fr-CA", "zh-Hans-CN", "zh-Hant-TW", "zh-TW", "zh-HK", "de-DE",
        ]
        let first = try tags.map { try renderer.plan("welcome", .email, for: Fixtures.tag($0)) }
        for _ in 0..<2 {
            for (index, tag) in tags.enumerated() {
                let again = try renderer.plan("wel" + "come", .email, for: Fixtures.tag(tag))
                #expect(again === first[index], "plan for \(tag)")
            }
        }
        #expect(first[5].formats[0].locale == Fixtures.tag("fr-CA"))
        #expect(first[7] !== first[8])
    }

    /// Dates are found by instant and time zone through a recent front: more pairs than it holds, asked
    /// twice, each keep their own text, the formatter's, also where only the zone differs.
    @Test func datesPastTheRecentListKeepTheirOwnText() throws {
        let formats = LocaleFormats(locale: Fixtures.tag("fr"), formatter: .shared)
        let zones = try ["UTC", "America/Los_Angeles"].map { try #require(TimeZone(identifier: $0)) }
        // 02:00 UTC: the 5th in UTC, still the 4th in Los Angeles.
        let instants = (0..<5).map { Date(timeIntervalSince1970: 1_772_676_000 + Double($0) * 86_400) }
        for _ in 0..<2 {
            for instant in instants {
                for zone in zones {
                    let expected = LocalizedFormatter.shared.date(instant, locale: formats.locale, timeZone: zone)
                    #expect(formats.date(instant, timeZone: zone) == expected, "\(instant) \(zone.identifier)")
                }
            }
        }
        #expect(formats.date(instants[0], timeZone: zones[0]) == "5 mars 2026")
        #expect(formats.date(instants[0], timeZone: zones[1]) == "4 mars 2026")
    }

    /// Past its limit the cache starts over, its recent front included, rather than grow.
    @Test func aFullLookupCacheIsEmptiedBeforeTheNextEntry() {
        var cache = LookupCache<Int, String>(recent: 2, limit: 3)
        for key in 0..<3 { cache.insert("v\(key)", for: key) }
        #expect(cache.find(0) == "v0" && cache.find(2) == "v2", "found, and now in the recent front")
        cache.insert("v3", for: 3)
        #expect(cache.find(0) == nil && cache.find(2) == nil, "neither the dictionary nor the front kept them")
        #expect(cache.find(3) == "v3")
        #expect(cache.find(recentWhere: { $0 == 3 }, key: { 99 }) == "v3", "a recent hit builds no key")
    }

    @Test func lineBreaksAreFoundAtEveryPosition() {
        for length in 0..<40 {
            let plain = [UInt8]((0..<length).map { UInt8(0x61 + $0 % 26) })
            #expect(!plain.withUnsafeBufferPointer(ByteScan.containsLineBreak))
            for position in 0..<length {
                for breakByte: UInt8 in [0x0A, 0x0D] {
                    var bytes = plain
                    bytes[position] = breakByte
                    #expect(bytes.withUnsafeBufferPointer(ByteScan.containsLineBreak), "\(breakByte) at \(position)")
                }
                // Bytes one off a line break, and UTF-8, are not one.
                for other: UInt8 in [0x09, 0x0B, 0x0C, 0x0E, 0x8A, 0x8D, 0xE3] {
                    var bytes = plain
                    bytes[position] = other
                    #expect(!bytes.withUnsafeBufferPointer(ByteScan.containsLineBreak), "\(other) at \(position)")
                }
            }
        }
    }

    @Test(arguments: [
        ("  Hello Camille  ", true), ("Hello\nCamille", false), ("Hello\rCamille", false),
        ("最後機會：八折優惠，只到週日", true), ("a long subject line that runs past eight bytes\n", true),
        ("\nleading break", true), ("two\n\nlines here", false),
    ])
    func oneLinePartsAreTrimmedOnBytesOnlyWithoutInnerBreaks(text: String, trimmedOnBytes: Bool) {
        let bounds = MessageRenderer.byteBounds(Array(text.utf8), part: .emailSubject)
        #expect((bounds != nil) == trimmedOnBytes)
        let expected = MessageRenderer.finish(text, part: .emailSubject)
        #expect(MessageRenderer.finish(Array(text.utf8), part: .emailSubject) == Array(expected.utf8))
    }
}
