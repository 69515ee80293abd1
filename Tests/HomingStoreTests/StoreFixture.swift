import Foundation
import HomingConfig
import HomingCore
import HomingStore
import HomingTestSupport

/// A real SQLite store in a fresh temporary directory, with the shipped exchange rates, and CSV importing helpers.
///
/// ```swift
/// let shop = try StoreFixture()
/// try shop.importCustomers(StoreFixture.customersHeader + "\nc1,ann@example.com,,,,,,,,,,,\n")
/// ```
final class StoreFixture {
    let directory: TemporaryDirectory
    let store: SQLiteStore
    let config: ConfigDirectory
    var rates: ExchangeRates { config.settings.rates }

    static let customersHeader =
        "customer_id,email,phone,push_token,first_name,last_name,locale,timezone,country,signup_at,"
        + "consent_email,consent_sms,consent_push"
    static let ordersHeader = "order_id,customer_id,ordered_at,amount,currency,status,items,promo_code"

    init() throws {
        directory = try TemporaryDirectory()
        store = try SQLiteStore(path: directory.url.appendingPathComponent("homing.db").path)
        config = try ConfigDirectory.load(path: RepositoryPaths.config.path)
    }

    func path(_ name: String) -> String { directory.url.appendingPathComponent(name).path }

    /// Writes `text` to `name` and imports it as customers.
    @discardableResult
    func importCustomers(
        _ text: String,
        name: String = "customers.csv",
        skipInvalid: Bool = false
    ) throws -> ImportReport {
        try importFile(text, name: name, kind: .customers, skipInvalid: skipInvalid)
    }

    /// Writes `text` to `name` and imports it as orders, valued with the shipped rates.
    @discardableResult
    func importOrders(_ text: String, name: String = "orders.csv", skipInvalid: Bool = false) throws -> ImportReport {
        try importFile(text, name: name, kind: .orders(rates), skipInvalid: skipInvalid)
    }

    func importFile(_ text: String, name: String, kind: ImportOptions.Kind, skipInvalid: Bool) throws -> ImportReport {
        let file = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return try CSVImporter(store: store).run(
            input: InputFile(path: file),
            options: ImportOptions(kind: kind, skipInvalid: skipInvalid, rejectsPath: file + ".rejects.csv")
        )
    }

    /// Every scored customer's activity at `asOf`, by customer id.
    func activity(asOf: Instant = StoreFixture.farFuture) throws -> [String: CustomerActivity] {
        let population = try store.customerActivity(asOf: asOf)
        return Dictionary(uniqueKeysWithValues: population.activities.map { ($0.customerID, $0) })
    }

    /// (customer key, ordered at, base minor) of every completed order, sorted.
    func completedOrders() throws -> [CompletedOrder] {
        var orders: [CompletedOrder] = []
        try store.forEachCompletedOrder(in: DateWindow(from: Self.farPast, to: Self.farFuture)) { key, at, base in
            orders.append(CompletedOrder(customerKey: key, orderedAt: at, baseMinor: base))
        }
        return orders.sorted()
    }

    /// The issues of a report as the CLI prints them, e.g. `orders.csv:3: currency: "EURO" is not an ISO 4217 code`.
    static func formatted(_ report: ImportReport, file: String) -> [String] {
        report.issues.map { $0.formatted(file: file) }
    }

    static let farPast = Instant(millisecondsSince1970: 0)
    static let farFuture = try! Instant(iso8601: "2100-01-01T00:00:00Z")
}

struct CompletedOrder: Hashable, Comparable {
    var customerKey: Int64
    var orderedAt: Instant
    var baseMinor: Int64

    static func < (a: CompletedOrder, b: CompletedOrder) -> Bool {
        (a.customerKey, a.orderedAt.millisecondsSince1970, a.baseMinor)
            < (b.customerKey, b.orderedAt.millisecondsSince1970, b.baseMinor)
    }
}

/// `try Instant(iso8601:)` for literals in tests.
func at(_ text: String) -> Instant { try! Instant(iso8601: text) }
