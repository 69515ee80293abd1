/// Generates a realistic, deterministic shop: `customers.csv` and `orders.csv` in the import format (DESIGN §4.1).
///
/// ```swift
/// let generator = try DemoDataGenerator(customers: 2_000, orders: 10_000, seed: 7)
/// var customers: [UInt8] = []
/// generator.writeCustomers { chunk in customers += chunk }   // header + 2,000 rows
/// var orders: [UInt8] = []
/// generator.writeOrders { chunk in orders += chunk }         // header + 10,000 rows, oldest first
/// ```
///
/// The same arguments give the same bytes on any machine and any day: the clock is never read, random
/// numbers come from `DemoRandom` (SplitMix64), and times are formatted by hand. Planning keeps a few bytes
/// per customer and 8 bytes per order (its time and customer packed in one sortable `UInt64`); rows are
/// rendered on the fly on all cores and handed to the sink in order, in chunks of roughly `chunkBytes` or more.
public struct DemoDataGenerator: Sendable {
    /// `2026-11-01T00:00:00Z`, the default end of the order history.
    public static let defaultUntil = Int64(DemoClock.daysFromCivil(year: 2026, month: 11, day: 1)) * 86_400
    /// How far back the history goes from `until`: three years and a day.
    public static let historyDays = 1_096

    public static let customersHeader =
        "customer_id,email,phone,push_token,first_name,last_name,locale,timezone,country,signup_at,"
        + "consent_email,consent_sms,consent_push"
    public static let ordersHeader = "order_id,customer_id,ordered_at,amount,currency,status,items,promo_code"

    public let customerCount: Int
    public let orderCount: Int
    public let seed: UInt64
    /// End of the order history (Unix seconds, exclusive); every time is before it.
    public let until: Int64
    /// Start of the history (Unix seconds); stored times are seconds after it.
    let start: Int64
    let regions: [DemoRegionTables]
    let customerIDWidth: Int
    let orderIDWidth: Int
    /// Per customer: signup time, index into `regions`, and a spend multiplier for order amounts.
    let signups: [UInt32]
    let regionIndices: [UInt8]
    let spendFactors: [Float]
    /// Per order, sorted: `seconds after start << 32 | customer index`.
    let orderKeys: [UInt64]

    /// Plans the data set: a few seconds and about 30 bytes per order for 10 million orders.
    ///
    /// - Parameter until: end of the order history in Unix seconds (see `DemoClock.parse`).
    public init(customers: Int, orders: Int, seed: UInt64, until: Int64 = defaultUntil) throws(DemoDataError) {
        guard customers >= 0, orders >= 0 else { throw DemoDataError(description: "counts must not be negative") }
        guard customers < Int(UInt32.max) else {
            throw DemoDataError(description: "--customers must be below \(UInt32.max)")
        }
        guard customers > 0 || orders == 0 else {
            throw DemoDataError(description: "orders need customers: pass --customers 1 or more")
        }
        customerCount = customers
        orderCount = orders
        self.seed = seed
        self.until = until
        start = until - Int64(DemoDataGenerator.historyDays) * 86_400
        let (start, until) = (start, until)
        regions = DemoRegion.all.map { DemoRegionTables($0, from: start - 86_400, through: until + 86_400) }
        customerIDWidth = max(7, String(customers).count)
        orderIDWidth = max(8, String(orders).count)
        let plan = DemoDataGenerator.plan(
            customers: customers,
            orders: orders,
            seed: seed,
            start: start,
            regions: regions
        )
        signups = plan.signups
        regionIndices = plan.regionIndices
        spendFactors = plan.spendFactors
        orderKeys = plan.orderKeys
    }
}
