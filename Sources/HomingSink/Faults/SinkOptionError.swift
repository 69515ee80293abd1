/// A sink option with a value it cannot use; the description names the option and the form it wants.
///
/// ```swift
/// do { _ = try SinkFaults.parseRate("abc") } catch { print(error) }   // --throttle: "abc" is not RATE/s
/// ```
public struct SinkOptionError: Error, Hashable, CustomStringConvertible {
    public let option: String
    public let value: String
    public let expected: String

    public init(option: String, value: String, expected: String) {
        self.option = option
        self.value = value
        self.expected = expected
    }

    public var description: String { "\(option): \"\(value)\" is not \(expected)" }
}
