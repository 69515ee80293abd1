/// An ordered list of HTTP header fields with case-insensitive lookup; a name may repeat.
///
/// ```swift
/// var headers: HTTPHeaders = ["Content-Type": "application/json"]
/// headers.add("Accept", "application/json")
/// headers["content-type"]           // "application/json"
/// headers.values(for: "Set-Cookie")  // every value, in order
/// ```
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public private(set) var fields: [Field]

    public init(_ fields: [Field] = []) { self.fields = fields }

    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    /// Appends a field, keeping any existing ones with the same name.
    public mutating func add(_ name: String, _ value: String) { fields.append(Field(name: name, value: value)) }

    /// Replaces every field named `name` (any case) with one field.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        add(name, value)
    }

    /// Removes every field named `name` (any case).
    public mutating func remove(_ name: String) { fields.removeAll { Self.same($0.name, name) } }

    /// The first value of `name` (any case), or nil.
    public subscript(name: String) -> String? { fields.first { Self.same($0.name, name) }?.value }

    /// Every value of `name` (any case), in the order received.
    public func values(for name: String) -> [String] { fields.filter { Self.same($0.name, name) }.map(\.value) }

    /// Whether a field named `name` (any case) is present.
    public func contains(_ name: String) -> Bool { fields.contains { Self.same($0.name, name) } }

    public var count: Int { fields.count }

    /// Replaces the last field's value; for folded header lines.
    mutating func replaceLast(value: String) {
        guard !fields.isEmpty else { return }
        fields[fields.count - 1].value = value
    }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    // Header names are ASCII tokens (RFC 9110 §5.1), so ASCII case folding is enough.
    private static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.lowercased() == b.lowercased()
    }
}
