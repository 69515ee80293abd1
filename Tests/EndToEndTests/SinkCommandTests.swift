import Foundation
import HomingChannels
import HomingTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `homing sink` as a real process: it prints its ports, records what it receives, and exits 0
/// on SIGTERM with everything written.
@Suite struct SinkCommandTests {
    static func port(_ line: String, _ name: String) throws -> Int {
        let prefix = "\(name) listening on 127.0.0.1:"
        #expect(line.hasPrefix(prefix), "\(line)")
        return try #require(Int(line.dropFirst(prefix.count)))
    }

    @Test func recordsPostsAndFlushesOnSIGTERM() async throws {
        let directory = try TemporaryDirectory()
        let out = directory.url.appendingPathComponent("sink.jsonl")
        let sink = try HomingProcess.start(
            ["sink", "--smtp-port", "0", "--http-port", "0", "--out", out.path, "--reject-recipients", "^\\+1555"],
            in: directory.url
        )
        let lines = try sink.waitForStdoutLines(2)
        #expect(try Self.port(lines[0], "smtp") > 0)
        let httpPort = try Self.port(lines[1], "http")

        let transport = try Transport()
        defer { transport.shutdown() }
        let base = "http://127.0.0.1:\(httpPort)"
        func twilio(to: String, key: String?) -> HTTPRequest {
            var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            if let key { headers.set("X-Homing-Key", key) }
            let body = "To=\(to)&From=%2B14155550100&Body=Hallo"
            return HTTPRequest(
                method: .post,
                url: base + "/2010-04-01/Accounts/AC1/Messages.json",
                headers: headers,
                body: Array(body.utf8)
            )
        }
        #expect(try await transport.send(twilio(to: "%2B4915112345678", key: "msg_e2e_1")).status == 201)
        #expect(try await transport.send(twilio(to: "%2B15550100", key: nil)).status == 400)
        let hook = HTTPRequest(method: .post, url: base + "/hooks/x", headers: ["webhook-id": "msg_e2e_2"], body: [])
        #expect(try await transport.send(hook).status == 200)

        sink.signal(SIGTERM)
        let run = try sink.waitForExit()
        #expect(run.exitCode == 0, "\(run)")
        #expect(run.stderr.contains("2 messages accepted"), "\(run)")
        let records = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(records.map { $0["outcome"] as? String } == ["accepted", "rejected", "accepted"])
        #expect(records.map { $0["idempotency_key"] as? String } == ["msg_e2e_1", nil, "msg_e2e_2"])
        #expect(records.first?["recipient"] as? String == "+4915112345678")
    }

    @Test func badFaultValueIsAUsageErrorNamingTheOption() throws {
        let directory = try TemporaryDirectory()
        let run = try HomingBinary.run(["sink", "--throttle", "abc"], in: directory.url)
        #expect(run.exitCode == 64, "\(run)")
        #expect(run.stderr.contains(#"--throttle: "abc" is not RATE/s"#), "\(run)")
    }
}
