/// An HTTP request method.
///
/// ```swift
/// let request = HTTPRequest(method: .post, url: "https://api.example.com/v3/mail/send")
/// let custom = HTTPMethod("PROPFIND")
/// ```
public struct HTTPMethod: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    /// A method token as sent on the request line, e.g. `"GET"`.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static let get = HTTPMethod("GET")
    public static let head = HTTPMethod("HEAD")
    public static let post = HTTPMethod("POST")
    public static let put = HTTPMethod("PUT")
    public static let patch = HTTPMethod("PATCH")
    public static let delete = HTTPMethod("DELETE")

    public var description: String { rawValue }
}
