import Foundation

/// Turns a decoding failure into a 400 that names the field in the sender's JSON terms.
///
/// ```swift
/// do { try decoder.decode(T.self, from: data) } catch let error as DecodingError {
///     throw JSONProblem.rejection(error)      // 400 {"error":"…","field":"line_items.0.quantity"}
/// }
/// ```
enum JSONProblem {
    static func rejection(_ error: DecodingError) -> WebhookRejection {
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return .badRequest(field: field, "missing field \(field)")
        case .valueNotFound(_, let context):
            let field = path(context.codingPath)
            return .badRequest(field: field, "\(field) is null")
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return .badRequest(field: field, "\(field) must be \(describe(type))")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .badRequest(field: nil, "the body is not valid JSON", reason: "malformed")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            return .badRequest(field: field, "\(field): \(context.debugDescription)")
        @unknown default:
            return .badRequest(field: nil, "the body does not match the expected JSON", reason: "malformed")
        }
    }

    /// The same answers for a body read with ``JSONReader``; a syntax error names the field it
    /// broke off in, when there is one.
    static func rejection(_ error: JSONReadError) -> WebhookRejection {
        switch error.kind {
        case .malformed(let detail):
            let place = error.field.map { " (in \($0))" } ?? ""
            return .badRequest(field: error.field, "the body is not valid JSON: \(detail)\(place)", reason: "malformed")
        case .missing:
            let field = error.field ?? "?"
            return .badRequest(field: field, "missing field \(field)")
        case .null:
            let field = error.field ?? "the body"
            return .badRequest(field: error.field, "\(field) is null")
        case .mismatch(let expected):
            let field = error.field ?? "the body"
            return .badRequest(field: error.field, "\(field) must be \(expected)")
        }
    }

    /// `line_items.0.quantity`, in the payload's snake_case names.
    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { key in key.intValue.map(String.init) ?? snakeCase(key.stringValue) }.joined(separator: ".")
    }

    private static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "true or false"
        default: "\(type)"
        }
    }
}
