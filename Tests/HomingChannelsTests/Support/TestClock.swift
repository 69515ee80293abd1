import HomingCore
import Synchronization

/// A clock a test moves by hand, for token lifetimes and `Retry-After` without waiting.
///
/// ```swift
/// let clock = TestClock()
/// let adapter = try FCMAdapter(configuration: configuration, transport: transport, environment: environment,
///                              clock: clock.read)
/// clock.advance(seconds: 3_600)
/// ```
final class TestClock: Sendable {
    private let instant: Mutex<Instant>

    init(_ start: Instant = Instant(millisecondsSince1970: 1_700_000_000_000)) { instant = Mutex(start) }

    var now: Instant { instant.withLock { $0 } }

    /// Whole seconds since 1970 now, as JWT `iat` counts them.
    var seconds: Int64 { now.millisecondsSince1970 / 1000 }

    /// The clock as the adapters take it.
    var read: @Sendable () -> Instant { { self.now } }

    func advance(seconds: Int64) {
        instant.withLock { $0 = Instant(millisecondsSince1970: $0.millisecondsSince1970 + seconds * 1000) }
    }
}
