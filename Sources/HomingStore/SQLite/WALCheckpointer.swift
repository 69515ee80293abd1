import Foundation
import GRDB
import HomingCore
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
/// let checkpointer = try WALCheckpointer(pool: pool)   // the store's own pool
/// defer { checkpointer.stop() }
/// ```
///
/// Every `interval` it runs a PASSIVE checkpoint, which copies what it can without taking the
/// write lock. Under sustained writes that never catches the writer up, and SQLite starts the WAL
/// over only after a checkpoint that copied everything and ran while nothing was being written;
/// measured: without one, 60 s of webhooks grew the WAL to 230 MB and the CPU per webhook by half.
/// So past ``restartPages`` it asks the store's writer to run a PASSIVE checkpoint between two
/// transactions: that one copies only the frames written since this thread's
/// last round, waits for no one, and lets the next write transaction start the WAL over (once no
/// reader still uses the old frames). When nothing was written for one interval it truncates the
/// WAL to give the disk back. Errors (a lock held too long by another process) only skip a round.
public final class WALCheckpointer: Sendable {
    /// WAL pages past which the writer catches up: 64 MiB with the store's 16 KiB pages.
    public static let restartPages = 4096

    private let stopped = Atomic<Bool>(false)

    /// Checkpoints `pool`'s database from a connection of its own, and on `pool`'s writer when
    /// the WAL passes `restartPages`.
    public init(
        pool: DatabasePool,
        interval: Duration = .milliseconds(100),
        restartPages: Int = WALCheckpointer.restartPages
    ) throws {
        var configuration = Configuration()
        // TRUNCATE (only when idle) holds the write lock while readers finish: a short wait.
        configuration.busyMode = .timeout(0.5)
        configuration.label = "homing.checkpoints"
        let connection = try DatabaseQueue(path: pool.path, configuration: configuration)
        let catchUpOnWriter = { @Sendable in
            try pool.writeWithoutTransaction { db in try Self.checkpoint(db, .passive) }
        }
        let thread = Thread { [self] in
            run(connection, interval: interval, restartPages: restartPages, catchUpOnWriter: catchUpOnWriter)
        }
        thread.name = "homing.checkpoints"
        thread.start()
    }

    /// Ends the thread after its current round.
    public func stop() { stopped.store(true, ordering: .relaxed) }

    private func run(
        _ connection: DatabaseQueue,
        interval: Duration,
        restartPages: Int,
        catchUpOnWriter: () throws -> (pages: Int, copied: Int)
    ) {
        let pause = interval.seconds
        var previous = (pages: 0, copied: 0)
        while !stopped.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: pause)
            guard var result = try? connection.inDatabase({ db in try Self.checkpoint(db, .passive) }) else { continue }
            let idle = previous.pages > 0 && previous.pages == previous.copied
            if result.pages >= restartPages {
                result = (try? catchUpOnWriter()) ?? result
            } else if idle && result.pages == previous.pages && result.copied == result.pages {
                result = (try? connection.inDatabase { db in try Self.checkpoint(db, .truncate) }) ?? result
            }
            previous = result
        }
    }

    /// One checkpoint of `mode` on `db`: (WAL pages, pages copied into the database file).
    private static func checkpoint(_ db: Database, _ mode: Database.CheckpointMode) throws -> (pages: Int, copied: Int)
    {
        let counts = try db.checkpoint(mode)
        return (counts.walFrameCount, counts.checkpointedFrameCount)
    }
}
