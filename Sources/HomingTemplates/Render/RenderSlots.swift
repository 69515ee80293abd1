/// Records every leaf value of a render tree in a fixed order, and the tree's shape.
///
/// ```swift
/// var slots = RenderSlots(placeholders: true)
/// slots.leaf("Zoë")        // "\u{E000}0\u{E001}": a marker swift-mustache copies through untouched
/// slots.values             // ["Zoë"]
/// ```
///
/// The shape (which optional values are present, how many order lines there are) decides every section,
/// so two customers with the same shape render the same text around different values. That is what lets
/// ``TemplateSkeleton`` render once per shape and only fill in values per customer.
struct RenderSlots: RenderLeaves {
    /// With placeholders, leaves in the tree are markers; without, they are the values themselves.
    let placeholders: Bool
    private(set) var values: [String] = []
    private(set) var shapeKey: [Int] = []
    /// The values that are the shop's own (its name, URL, address, support email and tagged shop link):
    /// the same for every customer of the shop, so skeletons can carry them as literal text
    /// (``TemplateSkeleton/specialized(_:shared:escapingHTML:)``).
    var shared: Range<Int> = 0..<0

    init(placeholders: Bool) {
        self.placeholders = placeholders
        values.reserveCapacity(32)
        shapeKey.reserveCapacity(8)
    }

    static let markerStart: Unicode.Scalar = "\u{E000}"
    static let markerEnd: Unicode.Scalar = "\u{E001}"

    var buildsTree: Bool { true }
    var count: Int { values.count }

    mutating func leaf(_ value: String) -> Any {
        values.append(value)
        guard placeholders else { return value }
        return "\u{E000}\(values.count - 1)\u{E001}"
    }

    mutating func optional(_ value: String?) -> Any {
        guard let value, !value.isEmpty else {
            shapeKey.append(0)
            return Absent()
        }
        shapeKey.append(1)
        return leaf(value)
    }

    mutating func shape(_ value: Int) {
        shapeKey.append(value)
    }

    func box(_ leaf: Any) -> Any { leaf }
}
