import Foundation
import HomingStore

/// How a ``Dispatcher`` paces itself.
///
/// ```swift
/// var configuration = DispatcherConfiguration()
/// configuration.concurrency = 256        // sends in flight at once
/// configuration.lease = .seconds(30)     // a crashed dispatcher's claims are retried after this
/// ```
public struct DispatcherConfiguration: Sendable {
    /// Sends in flight at once. It also bounds the duplicates a crash can cause.
    public var concurrency = 128
    /// Rows claimed per query.
    public var batchSize = 500
    /// How long a claim holds; keep it well above the slowest provider's timeout.
    public var lease: Duration = .seconds(60)
    /// How often an idle dispatcher looks for due work.
    public var pollInterval: Duration = .milliseconds(250)
    /// With `untilIdle`, work due within this horizon is waited for; later work ends the run.
    public var idleHorizon: Duration = .seconds(120)
    /// This dispatcher's name on its claims.
    public var worker: String = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    /// Told each committed batch of outcomes (`homing serve` counts them for `/metrics`).
    public var observer: any DispatchObserver = IgnoringDispatchObserver()

    public init() {}
}

/// Running totals of a dispatcher, for its progress bar and summary.
public struct DispatchProgress: Sendable, Hashable {
    public var sent = 0
    public var retried = 0
    public var dead = 0
    public var skipped = 0
    public var suppressed = 0
    public var deferred = 0
    /// Enrolments moved on by the planner.
    public var advanced = 0

    public init() {}

    public var settled: Int { sent + dead + skipped + suppressed }

    mutating func count(_ result: DeliveryRecord.Result) {
        switch result {
        case .sent: sent += 1
        case .retry: retried += 1
        case .deferred: deferred += 1
        case .dead: dead += 1
        case .skipped: skipped += 1
        case .suppressed: suppressed += 1
        }
    }
}
