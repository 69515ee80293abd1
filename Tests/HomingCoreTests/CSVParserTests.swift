import HomingCore
import Testing

@Suite struct CSVParserTests {
    private func parse(_ text: String, chunkSize: Int = .max) throws -> [(line: Int, fields: [String])] {
        var parser = CSVParser()
        var rows: [(Int, [String])] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            try parser.parse(bytes[start..<end]) { rows.append(($0.line, $0.strings)) }
            start = end
        }
        try parser.finish { rows.append(($0.line, $0.strings)) }
        return rows
    }

    @Test func quotedFieldsKeepCommasQuotesAndNewlines() throws {
        let rows = try parse("id,name\n1,\"Smith, Jr.\"\n2,\"Bob \"\"Bobby\"\"\"\n3,\"two\nlines\"\n4,plain\n")
        #expect(
            rows.map(\.fields) == [
                ["id", "name"], ["1", "Smith, Jr."], ["2", "Bob \"Bobby\""], ["3", "two\nlines"], ["4", "plain"],
            ]
        )
        // Records report the line they start on, counting the newline inside the quoted field.
        #expect(rows.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let rows = try parse("\u{FEFF}a,b\r\n1,2\r\n3,\"x\r\ny\"\r\n")
        #expect(rows.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "x\r\ny"]])
        #expect(rows.map(\.line) == [1, 2, 3])
    }

    @Test func emptyFieldsAndMissingFinalNewline() throws {
        let rows = try parse("a,b,c\n,,\n1,,3")
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["", "", ""], ["1", "", "3"]])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let rows = try parse("a\n\n1\n\n")
        #expect(rows.map(\.fields) == [["a"], ["1"]])
        #expect(rows.map(\.line) == [1, 3])
    }

    @Test(arguments: [1, 2, 3, 7])
    func chunkBoundariesAnywhereGiveTheSameRecords(chunkSize: Int) throws {
        let text = "\u{FEFF}id,name\r\n1,\"Zoë, \"\"Co\"\"\"\r\n2,\"王\n伟\"\n"
        #expect(try parse(text, chunkSize: chunkSize).map(\.fields) == (try parse(text)).map(\.fields))
    }

    @Test func unclosedQuoteIsAnErrorAtItsLine() throws {
        #expect(throws: CSVError(line: 2, message: "a quoted field opened here is never closed")) {
            try parse("a,b\n1,\"open\n2,3\n")
        }
    }

    @Test func textAfterAClosingQuoteIsAnError() throws {
        #expect(throws: CSVError.self) { try parse("a\n\"x\"y\n") }
    }

    @Test func writerQuotesOnlyWhatNeedsIt() {
        var writer = CSVWriter()
        writer.writeRow(["plain", "a,b", "say \"hi\"", "two\nlines", "王"])
        #expect(writer.text == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",王\n")
    }
}
