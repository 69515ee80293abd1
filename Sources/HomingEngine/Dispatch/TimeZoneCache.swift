import Foundation
import Synchronization

/// `TimeZone(identifier:)` parses tzdata each time; messages to the same zones reuse one value.
enum TimeZoneCache {
    private static let zones = Mutex<[String: TimeZone?]>([:])

    static func zone(_ identifier: String) -> TimeZone? {
        if let cached = zones.withLock({ $0[identifier] }) { return cached }
        let zone = TimeZone(identifier: identifier)
        zones.withLock { $0[identifier] = zone }
        return zone
    }
}
