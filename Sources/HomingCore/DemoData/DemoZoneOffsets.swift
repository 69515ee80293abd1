import Foundation

/// A time zone's UTC offsets over a span, looked up without Foundation in the hot loop.
///
/// ```swift
/// let paris = DemoZoneOffsets(identifier: "Europe/Paris", from: start, through: end)
/// paris.offset(at: 1_741_180_930)   // 3600 (winter)
/// ```
struct DemoZoneOffsets: Sendable {
    /// Instants where the offset changes, ascending; `offsets[i]` holds from `changes[i]` (and before the first).
    private let changes: [Int64]
    private let offsets: [Int]

    init(identifier: String, from start: Int64, through end: Int64) {
        guard let zone = TimeZone(identifier: identifier) else {
            preconditionFailure("unknown time zone \(identifier)")
        }
        var changes: [Int64] = [start]
        var offsets = [zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(start)))]
        var cursor = Date(timeIntervalSince1970: TimeInterval(start))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 <= Double(end)
        {
            let instant = Int64(next.timeIntervalSince1970.rounded(.down))
            let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
            if offset != offsets.last {
                changes.append(instant)
                offsets.append(offset)
            }
            cursor = next
        }
        self.changes = changes
        self.offsets = offsets
    }

    /// Seconds east of UTC at `instant`.
    func offset(at instant: Int64) -> Int {
        var low = 0
        var high = changes.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if changes[middle] <= instant { low = middle } else { high = middle - 1 }
        }
        return offsets[low]
    }
}
