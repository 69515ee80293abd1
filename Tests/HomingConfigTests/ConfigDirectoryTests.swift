import Foundation
import HomingConfig
import HomingTestSupport
import Testing

/// `ConfigDirectory.load(path:)`: an explicit directory must exist; errors carry the file's path and line.
@Suite struct ConfigDirectoryTests {
    @Test func missingExplicitDirectoryIsAnError() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.url.appendingPathComponent("no-such-config").path
        do {
            _ = try ConfigDirectory.load(path: missing)
            Issue.record("loading \(missing) should fail")
        } catch {
            #expect(error.description == "\(missing): no such configuration directory")
        }
    }

    @Test func errorsNameTheFileInsideTheDirectory() throws {
        let directory = try TemporaryDirectory()
        try directory.write(DefaultConfig.homingYAML, to: "homing.yaml")
        try directory.write("method: quantile\nrules:\n  - { segment: At-Risk }\n", to: "segments.yaml")
        do {
            _ = try ConfigDirectory.load(path: directory.url.path)
            Issue.record("At-Risk should be refused")
        } catch {
            let file = directory.url.appendingPathComponent("segments.yaml").path
            #expect(error.description.hasPrefix("\(file):3: "))
        }
    }

    @Test func explicitDirectoryIsUsed() throws {
        let directory = try TemporaryDirectory()
        try directory.write("base_currency: USD\nfx_rates:\n  EUR: 0.93\n", to: "homing.yaml")
        try directory.write("method: ntile\nrules:\n  - { segment: all }\n", to: "segments.yaml")
        let config = try ConfigDirectory.load(path: directory.url.path)
        #expect(config.path == directory.url.path)
        #expect(config.settings.rates.base.code == "USD")
        #expect(config.segments.method == .ntile)
        #expect(config.segments.rules.segments == ["all"])
    }

    @Test func missingSegmentsFileIsAnErrorNamingIt() throws {
        let directory = try TemporaryDirectory()
        try directory.write(DefaultConfig.homingYAML, to: "homing.yaml")
        do {
            _ = try ConfigDirectory.load(path: directory.url.path)
            Issue.record("a directory without segments.yaml should be refused")
        } catch {
            #expect(error.description.contains("segments.yaml"))
        }
    }
}
