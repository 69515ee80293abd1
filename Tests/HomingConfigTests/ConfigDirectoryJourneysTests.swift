import Foundation
import HomingConfig
import HomingTestSupport
import Testing

/// `ConfigDirectory.load` reads `DIR/journeys/*.yaml` sorted by name, and errors carry the file's path.
@Suite struct ConfigDirectoryJourneysTests {
    private func directory(journeys: [String: String]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write(DefaultConfig.homingYAML, to: "homing.yaml")
        try directory.write(DefaultConfig.segmentsYAML, to: "segments.yaml")
        if !journeys.isEmpty {
            let folder = directory.url.appendingPathComponent("journeys")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            for (name, text) in journeys { try directory.write(text, to: "journeys/\(name)") }
        }
        return directory
    }

    private func journey(_ id: String) -> String { "id: \(id)\nentry: manual\nsteps:\n  - send: welcome\n" }

    @Test func journeysLoadSortedByFileNameAndOtherFilesAreIgnored() throws {
        let directory = try directory(journeys: [
            "zeta.yaml": journey("zeta"), "alpha.yaml": journey("alpha"), "notes.txt": "not a journey",
        ])
        let config = try ConfigDirectory.load(path: directory.url.path)
        #expect(config.journeys.map(\.id) == ["alpha", "zeta"])
    }

    @Test func aDirectoryWithoutJourneysHasNone() throws {
        let directory = try directory(journeys: [:])  // kept alive: it is removed when released
        let config = try ConfigDirectory.load(path: directory.url.path)
        #expect(config.journeys.isEmpty)
    }

    @Test func aJourneyErrorNamesItsPath() throws {
        let directory = try directory(journeys: ["alpha.yaml": "id: alpha\nentry: manual\nsteps:\n  - wait: soon\n"])
        do {
            _ = try ConfigDirectory.load(path: directory.url.path)
            Issue.record("wait: soon should be refused")
        } catch {
            let file = directory.url.appendingPathComponent("journeys/alpha.yaml").path
            #expect(error.description.hasPrefix("\(file):4: "))
        }
    }
}
