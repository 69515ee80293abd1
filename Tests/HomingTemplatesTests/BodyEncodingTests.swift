import Foundation
import Testing

@testable import HomingTemplates

/// The word-at-a-time body encoders against plain byte-by-byte ones, on inputs built from the bytes that
/// need decisions: spaces before line ends, lone CRs, `=`, UTF-8, long runs that need soft breaks.
@Suite struct BodyEncodingTests {
    /// xorshift64*, seeded, so a failure names an input that can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 0x2545_F491_4F6C_DD1D
        }
    }

    static let pieces: [[UInt8]] = [
        Array("a".utf8), Array("Bonjour".utf8), Array(" ".utf8), Array("\t".utf8), Array("\n".utf8),
        Array("\r\n".utf8), Array("\r".utf8), Array("=".utf8), Array("é".utf8), Array("€".utf8),
        Array("<p class=\"x\">".utf8), Array(String(repeating: "x", count: 80).utf8), [0x00], [0x7F], [0xFF],
    ]

    static func input(seed: UInt64) -> [UInt8] {
        var generator = Generator(state: seed | 1)
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0..<120, using: &generator) {
            bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
        }
        return bytes
    }

    @Test(arguments: 0..<400)
    func quotedPrintableMatchesTheByteByByteEncoderAndStaysInItsBound(seed: UInt64) {
        let bytes = Self.input(seed: seed)
        let encoded = bytes.withUnsafeBufferPointer { source in
            let bound = QuotedPrintable.maximumEncodedCount(source.count, ByteScan.count(source))
            let encoded = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                count = QuotedPrintable.encode(source, to: buffer.baseAddress!, limit: buffer.count)
            }
            // The last word store may write up to seven bytes past the end, still inside the bound.
            #expect(encoded.count + 7 <= bound)
            return encoded
        }
        #expect(encoded == Self.referenceQuotedPrintable(bytes))
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
    }

    @Test(arguments: 0..<200)
    func base64MatchesFoundationWithSeventySixCharacterLines(seed: UInt64) {
        let bytes = Self.input(seed: seed)
        var encoded: [UInt8] = []
        MIMEBase64.append(bytes, lineLength: 76, to: &encoded)
        let expected = Data(bytes).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        #expect(String(decoding: encoded, as: UTF8.self) == expected)
        #expect(encoded.count == MIMEBase64.encodedCount(bytes.count, lineLength: 76))
    }

    @Test(arguments: 0..<200)
    func byteCountsMatchACountOfEachByte(seed: UInt64) {
        let bytes = Self.input(seed: seed)
        let counts = bytes.withUnsafeBufferPointer { ByteScan.count($0) }
        #expect(counts.nonASCII == bytes.count { $0 >= 0x80 })
        #expect(counts.notPlain >= bytes.count { $0 < 0x20 || $0 == 0x7F || $0 == 0x3D || $0 >= 0x80 })
    }

    /// RFC 2045 §6.7 one byte at a time, as the encoder was first written.
    static func referenceQuotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var column = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x0D, index < bytes.count, bytes[index] == 0x0A { continue }
            if byte == 0x0A {
                out += [0x0D, 0x0A]
                column = 0
                continue
            }
            // A lone CR is written =0D, so it does not end the line.
            let next = index < bytes.count ? bytes[index] : 0x0A
            let atLineEnd = next == 0x0A || (next == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A)
            let literal = (33...126).contains(byte) && byte != 0x3D || ((byte == 0x20 || byte == 0x09) && !atLineEnd)
            let width = literal ? 1 : 3
            if column + width > (atLineEnd ? 76 : 75) {
                out += [0x3D, 0x0D, 0x0A]
                column = 0
            }
            out += literal ? [byte] : Array(String(format: "=%02X", byte).utf8)
            column += width
        }
        return out
    }

    /// The writers' sizes are computed bounds; one that is wrong must stop the process, never write
    /// past the allocation.
    @Test func aWriteThatDoesNotFitStopsTheProcessInsteadOfOverrunning() async {
        await #expect(processExitsWith: .failure) {
            _ = [UInt8](unsafeUninitializedCapacity: 4) { buffer, count in
                var out = ByteWriter(buffer.baseAddress!, capacity: buffer.count)
                out.append("12345")
                count = out.count
            }
        }
    }
}
