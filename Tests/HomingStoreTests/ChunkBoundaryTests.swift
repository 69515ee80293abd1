import HomingCore
import HomingStore
import Testing

/// The importer reads 1 MiB chunks; a CRLF or an escaped quote split across a chunk boundary must not shift
/// line numbers or change values.
@Suite struct ChunkBoundaryTests {
    @Test func lineNumbersSurviveSplitsAtChunkBoundaries() throws {
        let shop = try StoreFixture()
        try shop.importCustomers(ImportUpsertTests.customers)
        let chunk = 1 << 20
        var bytes = Array("\u{FEFF}\(StoreFixture.ordersHeader)\r\n".utf8)
        var index = 0
        var expectedLines: [Int] = []
        func append(_ row: String) { bytes += Array(row.utf8) }
        func lineOfNextRow() -> Int { 1 + bytes.count { $0 == UInt8(ascii: "\n") } }
        func fill(until limit: Int) {
            while bytes.count < limit {
                append(
                    "g\(index),c1,2026-06-01T00:00:00Z,1.00,EUR,completed,"
                        + "\"[{\"\"name\"\":\"\"a\"\",\r\n\"\"quantity\"\":1,\"\"price\"\":\"\"1.00\"\","
                        + "\"\"note\"\":\"\"b, \\\"\"c\\\"\"\"\"}]\",\r\n"
                )
                index += 1
            }
        }
        // A row whose CRLF is split: "\r" is the last byte of the first chunk, "\n" the first of the second.
        fill(until: chunk - 300)
        let padded = "pad1,c1,2026-06-01T00:00:00Z,1.00,EUR,completed,,"
        append(padded + String(repeating: "P", count: chunk - 1 - bytes.count - padded.utf8.count) + "\r\n")
        #expect(bytes[chunk - 1] == UInt8(ascii: "\r"))
        #expect(bytes[chunk] == UInt8(ascii: "\n"))
        expectedLines.append(lineOfNextRow())
        append("bad1,c1,2026-06-01T00:00:00Z,1.00,EUR,shipped,,\r\n")
        // A quoted field whose escaped quote "" is split across the second boundary.
        fill(until: 2 * chunk - 300)
        // (In the promo code: a quote cannot stand unescaped in the items JSON.)
        let quoted = "pad2,c1,2026-06-01T00:00:00Z,1.00,EUR,completed,,\"["
        append(quoted + String(repeating: "x", count: 2 * chunk - 1 - bytes.count - quoted.utf8.count) + "\"\"]\"\r\n")
        #expect(bytes[2 * chunk - 1] == UInt8(ascii: "\""))
        #expect(bytes[2 * chunk] == UInt8(ascii: "\""))
        expectedLines.append(lineOfNextRow())
        append("bad2,c1,2026-06-01T00:00:00Z,1.00,EUR,shipped,,\r\n")
        fill(until: 2 * chunk + 5_000)
        expectedLines.append(lineOfNextRow())
        append("bad3,c1,2026-06-01T00:00:00Z,1.00,EUR,shipped,,")  // no final newline

        let report = try shop.importOrders(String(decoding: bytes, as: UTF8.self))
        #expect(!report.applied)
        #expect(report.rows == index + 5)
        #expect(report.issues.map(\.line) == expectedLines)
        #expect(report.issues.allSatisfy { $0.field == "status" })

        // Without the bad rows the file imports, and the split quote was read as one escaped quote.
        var good = String(decoding: bytes, as: UTF8.self)
        for bad in ["bad1", "bad2"] {
            good = good.replacingOccurrences(of: "\(bad),c1,2026-06-01T00:00:00Z,1.00,EUR,shipped,,\r\n", with: "")
        }
        good = good.replacingOccurrences(of: "bad3,c1,2026-06-01T00:00:00Z,1.00,EUR,shipped,,", with: "")
        let imported = try shop.importOrders(good, name: "good.csv")
        #expect(imported.applied, "\(imported.issues.prefix(3))")
        #expect(imported.counts.inserted == index + 2)
        #expect(try shop.activity()["c1"]?.completedOrders == index + 2)
        // The rows that straddled a boundary, alone in a small file, are the same as stored.
        let straddlers = good.split(separator: "\r\n", omittingEmptySubsequences: false)
            .filter { $0.hasPrefix("pad1,") || $0.hasPrefix("pad2,") }
        #expect(straddlers.count == 2)
        let small = StoreFixture.ordersHeader + "\n" + straddlers.joined(separator: "\n") + "\n"
        #expect(try shop.importOrders(small, name: "small.csv").counts == UpsertCounts(unchanged: 2))
    }
}
