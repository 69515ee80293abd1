/// Why demo data cannot be generated; the message says what to change.
///
/// ```swift
/// do {
///     _ = try DemoDataGenerator(customers: 0, orders: 5, seed: 1)
/// } catch {
///     print(error)   // "orders need customers: pass --customers 1 or more"
/// }
/// ```
public struct DemoDataError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}
