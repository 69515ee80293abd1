/// The scores (1–5) a rule accepts on one dimension.
///
/// ```swift
/// try ScoreSet(condition: "<= 2")     // {1, 2}
/// try ScoreSet(condition: "2..4")     // {2, 3, 4}
/// try ScoreSet(condition: "5")        // {5}
/// ScoreSet(scores: [1, 3])            // {1, 3}
/// ScoreSet.any                        // {1, 2, 3, 4, 5}
/// ```
public struct ScoreSet: Hashable, Sendable, CustomStringConvertible {
    /// Bit k set means score k accepted (bits 1…5).
    public private(set) var bits: UInt8

    public static let any = ScoreSet(scores: 1...5)

    public init(scores: some Sequence<Int>) {
        bits = 0
        for score in scores where (1...5).contains(score) { bits |= 1 << UInt8(score) }
    }

    /// Parses `N`, `= N`, `<= N`, `< N`, `>= N`, `> N` or `A..B`.
    public init(condition: String) throws(ScoreConditionError) {
        let text = condition.filter { $0 != " " }
        func number(_ digits: Substring) throws(ScoreConditionError) -> Int {
            guard let value = Int(digits) else { throw ScoreConditionError(condition: condition) }
            return value
        }
        let scores: ClosedRange<Int>
        if let range = text.range(of: "..") {
            let low = try number(text[..<range.lowerBound])
            let high = try number(text[range.upperBound...])
            guard low <= high else { throw ScoreConditionError(condition: condition) }
            scores = low...high
        } else if text.hasPrefix("<=") {
            scores = Int.min...(try number(text.dropFirst(2)))
        } else if text.hasPrefix(">=") {
            scores = (try number(text.dropFirst(2)))...Int.max
        } else if text.hasPrefix("<") {
            scores = Int.min...(try number(text.dropFirst(1)) - 1)
        } else if text.hasPrefix(">") {
            scores = (try number(text.dropFirst(1)) + 1)...Int.max
        } else if text.hasPrefix("=") {
            let value = try number(text.dropFirst(1))
            scores = value...value
        } else {
            let value = try number(Substring(text))
            scores = value...value
        }
        self.init(scores: (1...5).filter { scores.contains($0) })
    }

    public var isEmpty: Bool { bits == 0 }

    public func contains(_ score: Int) -> Bool { bits & (1 << UInt8(score)) != 0 }

    public var description: String { "{" + (1...5).filter(contains).map(String.init).joined(separator: ",") + "}" }
}

/// A rule condition that is not one of the accepted forms.
public struct ScoreConditionError: Error, Equatable, Sendable, CustomStringConvertible {
    public let condition: String
    public var description: String {
        "\"\(condition)\" is not a score condition: write 3, \"<= 2\", \">= 4\", \"2..4\" or a list [1, 2]"
    }
}
