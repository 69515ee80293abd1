import Foundation
import GRDB
import Synchronization

/// When a store's write-ahead log is copied back into the database file (a checkpoint).
///
/// ```swift
/// let store = try SQLiteStore(path: "homing.db", checkpoints: .background)    // homing serve
/// ```
///
/// A checkpoint syncs the WAL and the database file to disk, 1–40 ms each on a busy disk. With
/// `.automatic` (SQLite's default, every other command) the commit that takes the WAL past 1,000
/// pages runs it before returning, so whoever waits for that commit waits for the syncs too.
public enum WALCheckpoints: Sendable {
    /// SQLite's own: the committing connection checkpoints past 1,000 WAL pages.
    case automatic
    /// The store's writer never checkpoints; a thread of its own does, from another connection
    /// (``WALCheckpointer``), so a commit waits for no checkpoint's syncs.
    case background
}

/// Checkpoints a store's WAL from a connection and a thread of its own, so that a commit never
/// waits for a checkpoint (`homing serve`, where a webhook's 200 waits for its commit).
///
/// ```swift
/// let checkpointer = try WALCheckpointer(path: "homing.db")
/// defer { checkpointer.stop() }
/// ```
///
/// Every `interval` it runs a PASSIVE checkpoint, which copies what it can without taking the
/// write lock. Under sustained writes that never catches the writer up, and SQLite starts the WAL
/// over only once it has all been copied; so past ``restartPages`` a RESTART checkpoint waits for
/// the writer's current transaction, copies the rest and makes the next commit start the WAL
/// over. When nothing was written for one interval it truncates the WAL to give the disk back.
/// Errors (a lock held too long by another process) only skip a round.
public final class WALCheckpointer: Sendable {
    /// WAL pages past which a RESTART bounds the WAL: 64 MiB with the store's 16 KiB pages.
    public static let restartPages = 4096

    private let stopped = Atomic<Bool>(false)

    public init(path: String, interval: Duration = .milliseconds(100)) throws {
        var configuration = Configuration()
        // RESTART waits for the writer's transaction, then holds the write lock while readers
        // finish: short waits, so that commits are never held up for long.
        configuration.busyMode = .timeout(0.5)
        configuration.label = "homing.checkpoints"
        let connection = try DatabaseQueue(path: path, configuration: configuration)
        let thread = Thread { [self] in run(connection, interval: interval) }
        thread.name = "homing.checkpoints"
        thread.start()
    }

    /// Ends the thread after its current round.
    public func stop() { stopped.store(true, ordering: .relaxed) }

    private func run(_ connection: DatabaseQueue, interval: Duration) {
        let (seconds, attoseconds) = interval.components
        let pause = Double(seconds) + Double(attoseconds) / 1e18
        var previous = (pages: 0, copied: 0)
        while !stopped.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: pause)
            previous = (try? connection.inDatabase { db in try Self.round(db, previous: previous) }) ?? previous
        }
    }

    /// One round: returns the WAL's pages and how many of them are copied.
    private static func round(_ db: Database, previous: (pages: Int, copied: Int)) throws -> (pages: Int, copied: Int) {
        let idle = previous.pages > 0 && previous.pages == previous.copied
        let (pages, copied) = try db.checkpoint(.passive)
        var result = (pages: pages, copied: copied)
        if pages >= restartPages {
            (result.pages, result.copied) = try db.checkpoint(.restart)
        } else if idle && pages == previous.pages && copied == pages {
            (result.pages, result.copied) = try db.checkpoint(.truncate)
        }
        return result
    }
}
