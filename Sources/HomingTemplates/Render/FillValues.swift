/// The values and the input shape of one render, for filling a cached ``TemplateSkeleton``.
///
/// ```swift
/// var values = FillValues()
/// RenderValues.build(context, links: plan.links, formats: plan.formats[0], slots: &values)
/// skeleton.fill(values.values, escapingHTML: true)
/// ```
///
/// The same leaves in the same order as ``RenderSlots``, without a tree: `Leaf` is `Void`, so no value
/// is boxed in `Any` and no existential is destroyed again, for each of the ~30 values of every render.
struct FillValues: RenderLeaves {
    private(set) var values: [String] = []
    private(set) var shapeKey: [Int] = []
    var shared: Range<Int> = 0..<0

    init() {
        values.reserveCapacity(32)
        shapeKey.reserveCapacity(8)
    }

    var buildsTree: Bool { false }
    var count: Int { values.count }

    mutating func leaf(_ value: String) {
        values.append(value)
    }

    mutating func optional(_ value: String?) {
        guard let value, !value.isEmpty else { return shapeKey.append(0) }
        shapeKey.append(1)
        values.append(value)
    }

    mutating func shape(_ value: Int) {
        shapeKey.append(value)
    }

    func box(_ leaf: Void) -> Any { leaf }
}
