import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
///
/// ```swift
/// let bar = ProgressBar(label: "orders.csv")
/// bar.update(fraction: 0.4, detail: "4,000,000 rows")
/// bar.finish()
/// ```
///
/// Redraws at most ten times a second, so calling it often costs nothing.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private var lastDraw = 0.0
    private var drawn = false

    init(label: String) {
        self.label = label
        enabled = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    /// Redraws; `force` draws even within the rate limit (for a last state that must show).
    func update(fraction: Double?, detail: String, force: Bool = false) {
        guard enabled else { return }
        let time = Date().timeIntervalSinceReferenceDate
        guard force || time - lastDraw >= 0.1 else { return }
        lastDraw = time
        var line = "\r\(label) "
        if let fraction {
            let width = 30
            let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded(.down))
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            line += String(format: "%3.0f%% ", fraction * 100)
        }
        line += detail + "\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Clears the bar so the summary line starts on a clean line.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
