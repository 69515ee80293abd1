import Foundation
import HomingConfig
import HomingCore
import HomingTestSupport
import Testing

/// The shipped `config/journeys/*.yaml` load, say what issue 5 asks, name real templates, and equal
/// the built-in copies.
@Suite struct ShippedJourneysTests {
    private func shipped() throws -> ConfigDirectory { try ConfigDirectory.load(path: RepositoryPaths.config.path) }

    private func sends(_ journey: JourneyDefinition) -> [String] { journey.program.sends.map(\.step.message) }

    @Test func theThreeJourneysLoadSortedByFileName() throws {
        #expect(try shipped().journeys.map(\.id) == ["post-purchase", "welcome", "win-back"])
    }

    @Test func welcome() throws {
        let journey = try #require(try shipped().journeySettings.journey("welcome"))
        #expect(journey.entry == .customerCreated)
        #expect(journey.reentry == .never)
        #expect(sends(journey) == ["welcome", "welcome-nudge"])
        #expect(journey.program.instructions[1].operation == .wait(.duration(seconds: 3 * 86_400)))
        #expect(journey.program.instructions[2].operation == .exitIf([.orderedSinceEntry]))
    }

    @Test func postPurchase() throws {
        let journey = try #require(try shipped().journeySettings.journey("post-purchase"))
        #expect(journey.entry == .orderCompleted)
        #expect(journey.reentry == .perTrigger)
        #expect(sends(journey) == ["post-purchase-thanks", "post-purchase-review", "post-purchase-cross-sell"])
        #expect(journey.program.sends.map(\.step.transactional) == [true, false, false])
        // The cross-sell goes 14 days after entry unless the customer ordered again.
        let facts = EnrolmentFacts(enteredAt: Instant(secondsSince1970: 0))
        var index = 0
        var now = facts.enteredAt
        var planned: [(String, Instant)] = []
        while true {
            switch JourneyInterpreter.advance(journey.program, from: index, facts: facts, now: now, timeZone: .gmt) {
            case .send(let step, _, let next):
                planned.append((step.message, now))
                index = next
            case .wait(let until, _, let next):
                now = until
                index = next
            default:
                #expect(planned.map(\.0) == sends(journey))
                #expect(planned.map { $0.1.days(since: facts.enteredAt) } == [0, 7, 14])
                return
            }
        }
    }

    @Test func winBack() throws {
        let journey = try #require(try shipped().journeySettings.journey("win-back"))
        let segments: Set<String> = ["at_risk", "cannot_lose", "hibernating"]
        #expect(journey.entry == .segmentEntered(segments))
        #expect(journey.audience.segments == segments)
        #expect(journey.holdoutShare == 0.1)
        #expect(journey.reentry == .after(seconds: 90 * 86_400))
        #expect(journey.goal == JourneyGoal(orderWithinSeconds: 30 * 86_400))
        #expect(sends(journey) == ["win-back-miss-you", "win-back-offer", "win-back-last-chance"])
        #expect(journey.program.sends[1].step.offer?.percent == 15)
        #expect(journey.program.sends[2].step.channels == .firstAvailable([.push, .sms]))
    }

    @Test func everyMessageHasEnglishTemplates() throws {
        let english = RepositoryPaths.root.appendingPathComponent("templates/en").path
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: english))
        #expect(throws: Never.self) { try shipped().journeySettings.checkMessages(known: names) }
        // Every channel a send may pick has English templates for that message.
        func channels(of message: String) -> Set<String> {
            let folder = (english as NSString).appendingPathComponent(message)
            let parts = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return Set(parts.compactMap { $0.split(separator: ".").first.map(String.init) })
        }
        #expect(throws: Never.self) { try shipped().journeySettings.checkMessages(channelsOf: channels(of:)) }
    }

    @Test func builtInCopiesEqualTheFiles() throws {
        let folder = RepositoryPaths.config.appendingPathComponent("journeys")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(Set(files) == Set(DefaultConfig.journeysYAML.keys))
        for name in files {
            let file = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(Array(file.utf8) == Array(((DefaultConfig.journeysYAML[name] ?? "") + "\n").utf8), "\(name)")
        }
    }

    @Test func builtInJourneysLoadWhenNoDirectoryIsGiven() throws {
        let builtIn = try JourneySettings(
            files: DefaultConfig.journeysYAML.sorted { $0.key < $1.key }.map {
                ("built-in journeys/\($0.key)", $0.value)
            }
        )
        #expect(builtIn.definitions == (try shipped().journeys))
    }

    @Test func shippedDeliverySettingsAreTheDefaults() throws {
        #expect(try shipped().settings.delivery == DeliverySettings())
    }
}
