/// The variables templates may use, as a tree; the renderer builds its context to the same shape.
///
/// ```swift
/// let root = TemplateSchema.root(for: .emailHTML)
/// root.fields["offer"]?.fields["code"]   // a value
/// root.fields["ofer"]                     // nil: "unknown variable"
/// ```
///
/// `isOptional` values may be missing for a customer (a first name), so a template must guard them with a
/// section; `isInput` objects (`order`, `offer`) are required from the caller by every message that uses them.
struct TemplateSchema: Sendable {
    enum Kind: Sendable {
        case value
        case object
        case list
    }

    var kind: Kind
    /// Fields of an object, or of each element of a list.
    var fields: [String: TemplateSchema]
    var isOptional = false
    var isInput = false

    static func value(optional: Bool = false) -> TemplateSchema {
        TemplateSchema(kind: .value, fields: [:], isOptional: optional)
    }

    static func object(_ fields: [String: TemplateSchema], input: Bool = false) -> TemplateSchema {
        TemplateSchema(kind: .object, fields: fields, isInput: input)
    }

    static func list(_ fields: [String: TemplateSchema]) -> TemplateSchema {
        TemplateSchema(kind: .list, fields: fields)
    }

    /// The top-level scope of `part`; only the HTML body sees the rendered subject and preheader.
    static func root(for part: TemplatePart) -> TemplateSchema {
        var fields = common
        if part == .emailHTML {
            fields["email"] = .object(["subject": .value(), "preheader": .value()])
        }
        return .object(fields)
    }

    private static let common: [String: TemplateSchema] = [
        "customer": .object([
            "first_name": .value(optional: true),
            "last_name": .value(optional: true),
            "email": .value(optional: true),
        ]),
        "shop": .object([
            "name": .value(), "url": .value(), "postal_address": .value(), "support_email": .value(),
        ]),
        "order": .object(
            [
                "number": .value(),
                "placed_at": .value(),
                "total": .value(),
                "item_count": .value(),
                "items": .list(["name": .value(), "quantity": .value(), "price": .value(), "line_total": .value()]),
            ],
            input: true
        ),
        "offer": .object(["code": .value(), "percent": .value(), "expires_at": .value()], input: true),
        "links": .object([
            "shop_url": .value(), "review_url": .value(), "unsubscribe_url": .value(), "preferences_url": .value(),
        ]),
    ]
}
