import Foundation
import HomingServer
import HomingTestSupport
import Logging
import Synchronization
import Testing

/// `homing serve` logs through ``ServerLogHandler``: the same lines as swift-log's
/// `StreamLogHandler` (users read and parse them), batched on their way to the file.
@Suite struct ServerLogHandlerTests {
    /// What `StreamLogHandler` writes, kept.
    final class Written: TextOutputStream, Sendable {
        private let text = Mutex("")
        var all: String { text.withLock { $0 } }
        func write(_ string: String) { text.withLock { $0 += string } }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String { "disk full" }
    }

    /// Logs the same lines through `logger`, with metadata set, provided, passed and derived from an error.
    static func logLines(_ logger: inout Logger) {
        logger.logLevel = .debug
        logger[metadataKey: "hb.request.id"] = "req-1"
        logger.info("request", metadata: ["status": .stringConvertible(200), "path": "/webhooks/shopify/orders"])
        logger[metadataKey: "hb.request.id"] = "req-2"
        logger.debug("plain")
        logger.error("store failed", error: Failure(), metadata: ["hb.request.id": "req-3"])
        logger[metadataKey: "hb.request.id"] = nil
        logger.warning("no metadata at all")
    }

    @Test func linesAreThoseStreamLogHandlerWrites() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("stderr").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let output = StandardErrorBuffer(descriptor: descriptor)
        let provider = Logger.MetadataProvider { ["shop": "example"] }

        let reference = Written()
        var streamed = Logger(label: "homing") { label in
            StreamLogHandler(label: label, stream: reference, metadataProvider: provider)
        }
        Self.logLines(&streamed)
        var buffered = Logger(label: "homing") { label in
            ServerLogHandler(label: label, metadataProvider: provider, output: output)
        }
        Self.logLines(&buffered)
        output.flush()

        let written = try String(contentsOfFile: path, encoding: .utf8)
        // The timestamp may have turned a second between the two runs: compared by its shape.
        let mine = written.split(separator: "\n").map(Self.withoutTimestamp)
        let theirs = reference.all.split(separator: "\n").map(Self.withoutTimestamp)
        #expect(mine.count == 4)
        #expect(mine == theirs)
        let stamps = written.split(separator: "\n").map { $0.prefix { $0 != " " } }
        #expect(stamps.allSatisfy { $0.count == 24 && $0.dropFirst(19).first.map("+-".contains) == true }, "\(written)")
        #expect(
            mine.first
                == "info homing: hb.request.id=req-1 path=/webhooks/shopify/orders shop=example status=200 "
                + "[HomingServerTests] request"
        )
    }

    /// `2026-11-24T21:18:58+0000 info …` without its first word.
    static func withoutTimestamp(_ line: Substring) -> String {
        String(line.drop { $0 != " " }.dropFirst())
    }

    @Test func infoWaitsForABatchAndAWarningTakesEverythingBeforeIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("stderr").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { close(descriptor) }
        // No flush thread: what reaches the file is what the batching itself let through.
        let output = StandardErrorBuffer(descriptor: descriptor, flushInterval: nil)
        let logger = Logger(label: "homing") { label in ServerLogHandler(label: label, output: output) }

        logger.info("first")
        logger.info("second")
        #expect(try String(contentsOfFile: path, encoding: .utf8).isEmpty, "info lines wait for a batch")
        logger.warning("third")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.map { $0.split(separator: " ").last } == ["first", "second", "third"])

        // A batch that reaches its size goes out without a flush, whole lines in order.
        let line = String(repeating: "x", count: 200)
        for index in 0..<200 { logger.info("\(index) \(line)") }
        let file = try String(contentsOfFile: path, encoding: .utf8)
        let flushed = file.split(separator: "\n")
        #expect(
            file.utf8.count >= StandardErrorBuffer.batchBytes && flushed.count < 203,
            "one full batch, not every line"
        )
        for (index, written) in flushed.dropFirst(3).enumerated() {
            #expect(written.hasSuffix("] \(index) \(line)"))
        }
        output.flush()
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == 203)
    }
}
