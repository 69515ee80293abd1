/// Writes RFC 4180 CSV: fields that hold a comma, quote, CR or LF are quoted, quotes doubled, lines end in LF.
///
/// ```swift
/// var csv = CSVWriter()
/// csv.writeRow(["customer_id", "first_name"])
/// csv.writeRow(["c1", "Zoë \"Co\", Ltd"])
/// csv.text    // "customer_id,first_name\nc1,\"Zoë \"\"Co\"\", Ltd\"\n"
/// ```
///
/// The writer only builds text; flush `text` (and call `removeAll`) wherever the bytes should go.
public struct CSVWriter: Sendable {
    /// The CSV written so far.
    public private(set) var text: String = ""

    public init() {}

    /// Appends one record.
    public mutating func writeRow<S: Sequence>(_ fields: S) where S.Element: StringProtocol {
        var first = true
        for field in fields {
            if !first { text.append(",") }
            first = false
            CSVWriter.append(field, to: &text)
        }
        text.append("\n")
    }

    /// Drops the text written so far, keeping its storage for the next rows.
    public mutating func removeAll() { text.removeAll(keepingCapacity: true) }

    /// Appends `field`, quoted only when it needs to be.
    public static func append<S: StringProtocol>(_ field: S, to text: inout String) {
        let needsQuotes = field.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r")
        }
        guard needsQuotes else {
            text.append(contentsOf: field)
            return
        }
        text.append("\"")
        for character in field {
            if character == "\"" { text.append("\"") }
            text.append(character)
        }
        text.append("\"")
    }
}
