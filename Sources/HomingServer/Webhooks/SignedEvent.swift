import Foundation
import HomingCore
import HomingEngine
import HomingStore

/// A generic signed event, `{"type": T, "data": {…}}`, whose `data` fields are named and
/// formatted as the import CSV columns: customer columns for `customer.*`, order columns for
/// `order.*`.
///
/// ```swift
/// let event = try SignedEvent.decode(body).event(id: webhookID, parsers: parsers, store: store)
/// ```
///
/// | type | applies | starts |
/// |---|---|---|
/// | `customer.created` | customer upsert | welcome |
/// | `customer.updated` | customer upsert of the fields sent | |
/// | `order.completed` | order upsert, status completed | post-purchase |
/// | `order.refunded` | order status refunded (the other fields may be left out) | |
struct SignedEvent {
    static let types = ["customer.created", "customer.updated", "order.completed", "order.refunded"]

    var type: String
    var data: ColumnRecord

    static func decode(_ body: [UInt8]) throws(WebhookRejection) -> SignedEvent {
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: Data(body))
        } catch let error as DecodingError {
            throw JSONProblem.rejection(error)
        } catch {
            throw .badRequest(field: nil, "the body is not valid JSON", reason: "malformed")
        }
        guard let type = envelope.type else {
            throw .badRequest(field: "type", "missing field type (a string such as \"order.completed\")")
        }
        guard types.contains(type) else {
            throw .badRequest(
                field: "type",
                "unknown event type \"\(type)\"; known types are \(types.joined(separator: ", "))",
                reason: "unknown_type"
            )
        }
        guard let fields = envelope.data else {
            throw .badRequest(field: "data", "missing field data (an object of import columns)")
        }
        var data = ColumnRecord()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) { data[name] = value.text }
        return SignedEvent(type: type, data: data)
    }

    private struct Envelope: Decodable {
        var type: String?
        var data: [String: ColumnValue]?
    }

    /// A `data` value: strings as they are, numbers and booleans as their text, null as absent.
    private struct ColumnValue: Decodable {
        var text: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                text = nil
            } else if let bool = try? container.decode(Bool.self) {
                text = bool ? "true" : "false"
            } else if let string = try? container.decode(String.self) {
                text = string
            } else if let integer = try? container.decode(Int64.self) {
                text = String(integer)
            } else {
                text = String(try container.decode(Double.self))
            }
        }
    }

    func event(id: String, parsers: RowParsers, store: any Store) throws -> InboundEvent {
        var event = InboundEvent(source: "events", id: id, topic: type)
        let path = { (column: String) in "data.\(column)" }
        switch type {
        case "customer.created":
            event.customer = try data.customer(parsers: parsers, fieldPath: path)
            event.triggers = [.customerCreated]
        case "customer.updated":
            event.customer = try data.customer(parsers: parsers, fieldPath: path)
        case "order.completed":
            event.order = try order(status: .completed, parsers: parsers, store: store)
            event.triggers = [.orderCompleted]
        default:
            event.order = try order(status: .refunded, parsers: parsers, store: store)
        }
        return event
    }

    /// The order with the status the event type says; a refund may name only the order, whose
    /// other columns then come from the stored order.
    private func order(status: OrderStatus, parsers: RowParsers, store: any Store) throws -> OrderRowParser.Row {
        var record = data
        if let given = record["status"], given != status.rawValue {
            throw WebhookRejection.badRequest(
                field: "data.status",
                "data.status is \"\(given)\" but the event is \(type); leave status out or send \(status.rawValue)"
            )
        }
        record["status"] = status.rawValue
        if status == .refunded, let id = record["order_id"], let stored = try store.order(id: id) {
            record["customer_id"] = record["customer_id"] ?? stored.customerID
            record["ordered_at"] = record["ordered_at"] ?? stored.orderedAt.iso8601
            record["amount"] = record["amount"] ?? stored.currency.decimalString(minorUnits: stored.amountMinor)
            record["currency"] = record["currency"] ?? stored.currency.code
            record["items"] = record["items"] ?? stored.items
            record["promo_code"] = record["promo_code"] ?? stored.promoCode
        }
        return try record.order(parsers: parsers) { "data.\($0)" }
    }
}
