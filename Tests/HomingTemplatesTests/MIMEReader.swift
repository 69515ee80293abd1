import Foundation
import Testing

/// Just enough of a MIME reader to check what `MIMEEmail` writes: unfolded headers, RFC 2047 words,
/// multipart bodies, quoted-printable and base64.
struct MIMEReader {
    var headers: [(name: String, value: String)] = []
    var parts: [(headers: [String: String], body: String)] = []
    var lines: [String]

    init(_ message: String) throws {
        lines = message.components(separatedBy: "\r\n")
        let split = try #require(message.range(of: "\r\n\r\n"))
        let head = String(message[..<split.lowerBound])
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                headers[headers.count - 1].value += line
            } else {
                let colon = try #require(line.firstIndex(of: ":"))
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...].dropFirst())))
            }
        }
        let type = try #require(header("Content-Type"))
        let boundary = try #require(type.components(separatedBy: "boundary=\"").last?.dropLast())
        let body = String(message[split.upperBound...])
        let chunks = body.components(separatedBy: "--\(boundary)")
        for chunk in chunks.dropFirst().dropLast() {
            let inner = chunk.dropFirst()  // the CRLF after the boundary line, one Character
            let end = try #require(inner.range(of: "\r\n\r\n"))
            var partHeaders: [String: String] = [:]
            for line in inner[..<end.lowerBound].components(separatedBy: "\r\n") {
                let pieces = line.split(separator: ":", maxSplits: 1)
                partHeaders[String(pieces[0])] = pieces[1].trimmingCharacters(in: .whitespaces)
            }
            var encoded = String(inner[end.upperBound...])
            if encoded.hasSuffix("\r\n") { encoded.removeLast() }
            let decoded: String
            if partHeaders["Content-Transfer-Encoding"] == "base64" {
                let data = try #require(Data(base64Encoded: encoded, options: .ignoreUnknownCharacters))
                decoded = String(decoding: data, as: UTF8.self)
            } else {
                decoded = Self.decodeQuotedPrintable(encoded)
            }
            parts.append((partHeaders, decoded))
        }
        #expect(chunks.last?.hasPrefix("--") == true, "closing boundary")
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "="), index + 2 < input.count + 0,
                let value = UInt8(String(decoding: input[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// Decodes RFC 2047 B and Q words; whitespace between adjacent words disappears.
    static func decodeWords(_ value: String) -> String {
        let pattern = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/
        var result = ""
        var rest = Substring(value)
        var lastWasWord = false
        while let match = rest.firstMatch(of: pattern) {
            let between = rest[..<match.range.lowerBound]
            if !(lastWasWord && between.allSatisfy(\.isWhitespace)) { result += between }
            let payload = String(match.output.3)
            if match.output.2.uppercased() == "B" {
                result += String(decoding: Data(base64Encoded: payload) ?? Data(), as: UTF8.self)
            } else {
                result += decodeQuotedPrintable(payload.replacingOccurrences(of: "_", with: " "))
            }
            rest = rest[match.range.upperBound...]
            lastWasWord = true
        }
        return result + rest
    }
}
