/// Why a JSON body could not be read, and where (`customer.email`), in the sender's field names.
///
/// ```swift
/// do { order = try ShopifyOrder.read(body) } catch { throw JSONProblem.rejection(error) }  // 400 naming the field
/// ```
struct JSONReadError: Error, Equatable {
    enum Kind: Equatable {
        /// Not JSON: the detail says what broke and at which byte.
        case malformed(String)
        case missing
        case null
        case mismatch(expected: String)
    }

    var kind: Kind
    /// The dotted path of the field, nil for the document itself.
    var field: String?
}
