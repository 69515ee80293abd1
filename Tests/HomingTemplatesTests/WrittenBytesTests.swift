import Testing

@testable import HomingTemplates

/// Arrays written in place through `append(contentsOf:)` must hold exactly the bytes written, with room
/// for what was asked, like `init(unsafeUninitializedCapacity:initializingWith:)`.
@Suite struct WrittenBytesTests {
    @Test(arguments: [(0, 0), (1, 0), (1, 1), (16, 5), (17, 17), (4_096, 3_000), (5_000, 5_000)])
    func holdsExactlyTheBytesWritten(capacity: Int, written: Int) {
        let fill: (UnsafeMutableBufferPointer<UInt8>) -> Int = { buffer in
            for index in 0..<written { buffer[index] = UInt8(truncatingIfNeeded: index &* 31 &+ 7) }
            return written
        }
        let bytes = [UInt8](writingUpTo: capacity) { buffer in
            #expect(buffer.count == capacity)
            return fill(buffer)
        }
        let reference = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in count = fill(buffer) }
        #expect(bytes == reference)
        #expect(bytes.capacity >= capacity)
    }

    /// A skeleton fill reserves one byte past what it writes for a body's newline: adding it must not
    /// move the bytes to a new allocation.
    @Test func theSpareByteIsKeptForTheNewline() {
        var bytes = [UInt8](writingUpTo: 65) { buffer in
            buffer.initialize(repeating: 0x61)
            return 64
        }
        let before = bytes.withUnsafeBufferPointer { $0.baseAddress }
        bytes.append(0x0A)
        #expect(bytes.withUnsafeBufferPointer { $0.baseAddress } == before)
        #expect(bytes == [UInt8](repeating: 0x61, count: 64) + [0x0A])
    }

    @Test func fillsMatchTheirTemplatesWithTheNewAllocation() throws {
        let skeleton = try #require(TemplateSkeleton(rendered: "  Hi \u{E000}0\u{E001}, <b>\u{E000}1\u{E001}</b>!\n"))
        let filled = skeleton.fill(["Zoë & \"Co\"", "<i>"], escapingHTML: true)
        #expect(String(decoding: filled.bytes, as: UTF8.self) == "Hi Zoë &amp; &quot;Co&quot;, <b>&lt;i&gt;</b>!")
    }
}
