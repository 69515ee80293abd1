/// A streaming RFC 4180 parser: feed it bytes in chunks of any size, get records back.
///
/// ```swift
/// var parser = CSVParser()
/// var rows: [[String]] = []
/// try parser.parse(Array("id,name\r\n1,\"Zoë, \"\"Co\"\"\"\n".utf8)) { rows.append($0.strings) }
/// try parser.finish { rows.append($0.strings) }
/// // rows == [["id", "name"], ["1", "Zoë, \"Co\""]]
/// ```
///
/// Accepts a UTF-8 byte order mark, LF, CRLF or CR line ends, and newlines inside quoted fields.
/// Blank lines are skipped. Each record knows the line it starts on, so errors can point at it.
/// A quote inside an unquoted field is kept as text, as spreadsheets write them.
public struct CSVParser: Sendable {
    private var fieldBytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var line = 1
    private var recordLine = 1
    private var inQuotes = false
    private var afterClosingQuote = false
    private var fieldStarted = false
    private var skipLineFeed = false
    private var atStart = true
    private var bomBytesSeen = 0

    public init() {
        fieldBytes.reserveCapacity(4096)
        fieldEnds.reserveCapacity(64)
    }

    /// Parses `chunk`, calling `record` for each record it completes.
    public mutating func parse(_ chunk: some Collection<UInt8>, record: (CSVRecord) throws -> Void) throws {
        let handled: Void? = try chunk.withContiguousStorageIfAvailable { try parseBuffer($0, record: record) }
        if handled == nil { try Array(chunk).withUnsafeBufferPointer { try parseBuffer($0, record: record) } }
    }

    /// Ends the input: emits the last record if it had no final newline, and reports an unclosed quote.
    public mutating func finish(record: (CSVRecord) throws -> Void) throws {
        if inQuotes {
            throw CSVError(line: recordLine, message: "a quoted field opened here is never closed")
        }
        if fieldStarted || !fieldEnds.isEmpty { try endRecord(record) }
    }

    private mutating func parseBuffer(_ buffer: UnsafeBufferPointer<UInt8>, record: (CSVRecord) throws -> Void) throws {
        var index = 0
        if atStart { index = skipByteOrderMark(buffer) }
        while index < buffer.count {
            let byte = buffer[index]
            index += 1
            if inQuotes {
                if byte == Self.quote {
                    inQuotes = false
                    afterClosingQuote = true
                } else {
                    if byte == Self.lineFeed { line += 1 }
                    fieldBytes.append(byte)
                }
                continue
            }
            if skipLineFeed {
                skipLineFeed = false
                if byte == Self.lineFeed { continue }
            }
            switch byte {
            case Self.comma:
                endField()
            case Self.lineFeed, Self.carriageReturn:
                if fieldStarted || !fieldEnds.isEmpty { try endRecord(record) }
                line += 1
                recordLine = line
                skipLineFeed = byte == Self.carriageReturn
            case Self.quote where afterClosingQuote:
                fieldBytes.append(byte)  // "" inside a quoted field
                inQuotes = true
                afterClosingQuote = false
            case Self.quote where !fieldStarted:
                inQuotes = true
                fieldStarted = true
            default:
                if afterClosingQuote {
                    throw CSVError(
                        line: line,
                        message:
                            "text after the closing quote of a field; quote the whole field and double inner quotes"
                    )
                }
                fieldStarted = true
                fieldBytes.append(byte)
            }
        }
    }

    private mutating func skipByteOrderMark(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        var index = 0
        while bomBytesSeen < 3, index < buffer.count {
            guard buffer[index] == bom[bomBytesSeen] else {
                // Not a BOM after all: the bytes matched so far are data.
                fieldBytes.append(contentsOf: bom[..<bomBytesSeen])
                fieldStarted = bomBytesSeen > 0
                bomBytesSeen = 3
                break
            }
            bomBytesSeen += 1
            index += 1
        }
        if bomBytesSeen == 3 { atStart = false }
        return index
    }

    private mutating func endField() {
        fieldEnds.append(fieldBytes.count)
        fieldStarted = false
        afterClosingQuote = false
    }

    private mutating func endRecord(_ record: (CSVRecord) throws -> Void) throws {
        fieldEnds.append(fieldBytes.count)
        afterClosingQuote = false
        fieldStarted = false
        let isBlank = fieldEnds.count == 1 && fieldBytes.isEmpty
        if !isBlank { try record(CSVRecord(line: recordLine, bytes: fieldBytes, ends: fieldEnds)) }
        fieldBytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
}

/// One CSV record: its fields, already unquoted, and the line it starts on.
public struct CSVRecord: Sendable {
    /// The 1-based line of the input where the record starts (the header is line 1).
    public let line: Int
    private let bytes: [UInt8]
    private let ends: [Int]

    init(line: Int, bytes: [UInt8], ends: [Int]) {
        self.line = line
        self.bytes = bytes
        self.ends = ends
    }

    /// A record of `fields` that did not come from a file, e.g. a webhook's `data` laid out as the
    /// import columns, so it is validated exactly like an imported row.
    public init(line: Int, fields: [String]) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for field in fields {
            bytes.append(contentsOf: field.utf8)
            ends.append(bytes.count)
        }
        self.init(line: line, bytes: bytes, ends: ends)
    }

    /// The number of fields.
    public var count: Int { ends.count }

    /// Field `index` as a string; invalid UTF-8 becomes U+FFFD.
    public func string(_ index: Int) -> String {
        let start = index == 0 ? 0 : ends[index - 1]
        return bytes.withUnsafeBufferPointer { String(decoding: $0[start..<ends[index]], as: UTF8.self) }
    }

    /// Whether field `index` is empty.
    public func isEmpty(_ index: Int) -> Bool { ends[index] == (index == 0 ? 0 : ends[index - 1]) }

    /// Every field as a string.
    public var strings: [String] { (0..<count).map(string) }
}

/// A syntax error in CSV input, with the line it is on.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int
    public let message: String
    public var description: String { "line \(line): \(message)" }

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}
