/// Where ``RenderValues/build(_:links:formats:slots:)`` puts each leaf value, in a fixed order.
///
/// ```swift
/// var values = FillValues()                 // a skeleton fill wants the values alone
/// RenderValues.build(context, links: links, formats: formats, slots: &values)
/// var slots = RenderSlots(placeholders: true)   // swift-mustache wants the tree
/// let tree = RenderValues.build(context, links: links, formats: formats, slots: &slots)
/// ```
///
/// Both kinds take the leaves in the same order from the same code, so a skeleton rendered with
/// ``RenderSlots`` markers is filled by index from ``FillValues``. `Leaf` is what goes into the tree:
/// `Any` for swift-mustache, nothing at all for a fill, which builds no tree and boxes no value.
protocol RenderLeaves {
    associatedtype Leaf
    /// False when only the values and shape are wanted: ``RenderValues`` then returns an empty tree.
    var buildsTree: Bool { get }
    /// How many values have been recorded: the index the next leaf gets.
    var count: Int { get }
    /// The shop's own values (``RenderSlots/shared``).
    var shared: Range<Int> { get set }
    mutating func leaf(_ value: String) -> Leaf
    /// A value that may be missing: missing and empty are both ``Absent``, and part of the shape.
    mutating func optional(_ value: String?) -> Leaf
    mutating func shape(_ value: Int)
    /// `leaf` as a tree value; only called when ``buildsTree`` is true.
    func box(_ leaf: Leaf) -> Any
}
