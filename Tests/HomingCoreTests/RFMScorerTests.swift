import HomingCore
import Testing

@Suite struct RFMScorerTests {
    private func values(
        recency: [Int]? = nil,
        frequency: [Int]? = nil,
        monetary: [Int64]? = nil,
        ids: [String]? = nil
    )
        -> [RFMValues]
    {
        let count = recency?.count ?? frequency?.count ?? monetary?.count ?? ids!.count
        return (0..<count).map { index in
            RFMValues(
                customerID: ids?[index] ?? "c\(index + 1)",
                recencyDays: recency?[index] ?? 0,
                frequency: frequency?[index] ?? 1,
                monetaryMinor: monetary?[index] ?? 100
            )
        }
    }

    @Test func quantileTiesShareAScore() {
        // frequencies 1,1,2,3,3: below = 0,0,2,3,3 → 1 + floor(5·below/5) = 1,1,3,4,4
        let scores = RFMScorer.score(values(frequency: [1, 1, 2, 3, 3]), method: .quantile)
        #expect(scores.map(\.f) == [1, 1, 3, 4, 4])
    }

    @Test func quantileWhenCountIsNotAMultipleOfFive() {
        // n = 7, below = 0…6 → 1 + floor(5·below/7) = 1,1,2,3,3,4,5
        let scores = RFMScorer.score(values(monetary: [10, 20, 30, 40, 50, 60, 70]), method: .quantile)
        #expect(scores.map(\.m) == [1, 1, 2, 3, 3, 4, 5])
    }

    @Test func quantileRecencyIsBetterWhenSmaller() {
        // 400 days is worst (below 0 → 1); 10 days has one worse (→ 1 + 5/4 = 2); 0 days has three (→ 1 + 15/4 = 4)
        let scores = RFMScorer.score(values(recency: [0, 10, 10, 400]), method: .quantile)
        #expect(scores.map(\.r) == [4, 2, 2, 1])
    }

    @Test func oneCustomerScoresOneEverywhere() {
        let scores = RFMScorer.score(values(frequency: [12]), method: .quantile)
        #expect(scores == [RFMScore(r: 1, f: 1, m: 1)])
        #expect(RFMScorer.score([], method: .quantile).isEmpty)
    }

    @Test func quantileDoesNotDependOnInputOrder() {
        let forward = values(monetary: [5, 9, 9, 1, 7, 3])
        let reversed = Array(forward.reversed())
        #expect(
            RFMScorer.score(forward, method: .quantile).map(\.m)
                == Array(RFMScorer.score(reversed, method: .quantile).map(\.m).reversed())
        )
    }

    @Test func ntileSplitsLikeSQLWithRemainderToLowBucketsAndTiesById() {
        // Ordered worse first: c4(1) c5(2) c6(2) c2(3) c3(3) c7(4) c1(5); 7 = 2·2 + 3·1 → buckets 1,1,2,2,3,4,5.
        let scores = RFMScorer.score(values(frequency: [5, 3, 3, 1, 2, 2, 4]), method: .ntile)
        #expect(scores.map(\.f) == [5, 2, 3, 1, 1, 2, 4])
    }

    @Test func ntileBreaksTiesByUtf8ByteOrder() {
        // Byte order: "Z" (0x5A) < "a" (0x61) < "é" (0xC3 0xA9); five equal values get buckets 1…5 in that order.
        let scores = RFMScorer.score(
            values(frequency: [1, 1, 1, 1, 1], ids: ["é", "a", "Z", "b", "aa"]),
            method: .ntile
        )
        // sorted ids: Z, a, aa, b, é
        #expect(scores.map(\.f) == [5, 2, 1, 4, 3])
    }

    @Test func thresholdsUseCutPointsInclusively() {
        let cuts = RFMThresholds(
            recencyDays: [30, 90, 180, 365],
            frequency: [1, 2, 4, 8],
            monetaryMinor: [5000, 15000, 40000, 100_000]
        )
        let input = [
            RFMValues(customerID: "a", recencyDays: 30, frequency: 1, monetaryMinor: 5000),
            RFMValues(customerID: "b", recencyDays: 31, frequency: 2, monetaryMinor: 5001),
            RFMValues(customerID: "c", recencyDays: 365, frequency: 4, monetaryMinor: 100_000),
            RFMValues(customerID: "d", recencyDays: 366, frequency: 9, monetaryMinor: 100_001),
        ]
        let scores = RFMScorer.score(input, method: .thresholds(cuts))
        #expect(
            scores == [
                RFMScore(r: 5, f: 1, m: 1), RFMScore(r: 4, f: 2, m: 2), RFMScore(r: 2, f: 3, m: 4),
                RFMScore(r: 1, f: 5, m: 5),
            ]
        )
    }

    @Test func segmentationCutsRecencyAtAsOf() throws {
        let asOf = try Instant(iso8601: "2026-11-01T00:00:00Z")
        let activity = CustomerActivity(
            customerID: "c1",
            firstOrderAt: try Instant(iso8601: "2026-01-01T00:00:00Z"),
            lastOrderAt: try Instant(iso8601: "2026-10-30T00:00:01Z"),
            completedOrders: 2,
            monetaryMinor: 500
        )
        // 1 day 23:59:59 → floor → 1
        #expect(activity.rfmValues(asOf: asOf).recencyDays == 1)
        let rules = try SegmentRuleSet(rules: [SegmentRule(segment: "everyone", line: 1)])
        let run = Segmentation(activities: [activity], prospects: 3, asOf: asOf, method: .quantile, rules: rules)
        #expect(run.segment(of: 0) == "everyone")
        #expect(run.report.prospects == 3)
        #expect(run.report.rows[0].customers == 1)
        #expect(run.report.rows[0].meanFrequency == 2)
    }
}
