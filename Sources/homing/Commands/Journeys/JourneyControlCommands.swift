import ArgumentParser
import Foundation
import HomingConfig
import HomingCore

/// `homing pause JOURNEY`: stop a journey's sends; planning and enrolment go on.
struct PauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Stop sending a journey's messages until `homing resume`; they stay planned."
    )

    @Argument(help: "The journey id.") var journey: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        let config = try store.loadConfig()
        try requireJourney(journey, in: config)
        let changed = try store.openStore(config).setPaused(true, journey: journey)
        print(changed ? "paused \(journey)" : "\(journey) was already paused")
    }
}

/// `homing resume JOURNEY`.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract:
            "Resume sending a paused journey's messages; what fell due meanwhile goes out (quiet hours permitting)."
    )

    @Argument(help: "The journey id.") var journey: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        let config = try store.loadConfig()
        try requireJourney(journey, in: config)
        let changed = try store.openStore(config).setPaused(false, journey: journey)
        print(changed ? "resumed \(journey)" : "\(journey) was not paused")
    }
}

/// `homing retry-dead`: requeue dead letters.
struct RetryDeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry-dead",
        abstract: "Requeue dead messages with fresh attempts; `homing run` sends them."
    )

    @Option(help: "Only this journey's dead messages.") var journey: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        let config = try store.loadConfig()
        if let journey { try requireJourney(journey, in: config) }
        let count = try store.openStore(config).requeueDead(journey: journey, now: .now)
        print("requeued \(NumberText.grouped(count)) dead message\(count == 1 ? "" : "s")")
    }
}

func requireJourney(_ id: String, in config: ConfigDirectory) throws {
    guard config.journeys.contains(where: { $0.id == id }) else {
        throw ValidationError("no journey \"\(id)\"; journeys are \(config.journeys.map(\.id).joined(separator: ", "))")
    }
}
