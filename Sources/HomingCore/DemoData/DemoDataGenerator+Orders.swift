extension DemoDataGenerator {
    /// Renders `orders.csv` (header included), oldest order first, in chunks of about `chunkBytes`.
    public func writeOrders(chunkBytes: Int = 1 << 20, to sink: ([UInt8]) throws -> Void) rethrows {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chunkBytes + 4096)
        bytes.append(contentsOf: Self.ordersHeader.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var items: [DemoItem] = []
        items.reserveCapacity(4)
        for order in 0..<orderCount {
            appendOrder(order, items: &items, to: &bytes)
            if bytes.count >= chunkBytes {
                try sink(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        if !bytes.isEmpty { try sink(bytes) }
    }

    /// One order row; everything but its time and customer comes from the order's own random stream.
    func appendOrder(_ order: Int, items: inout [DemoItem], to bytes: inout [UInt8]) {
        let key = orderKeys[order]
        let customer = Int(key & 0xFFFF_FFFF)
        let time = start + Int64(key >> 32)
        let tables = regions[Int(regionIndices[customer])]
        var random = DemoRandom(seed: seed, stream: .orders, index: order)

        Self.appendID("o", order + 1, width: orderIDWidth, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        Self.appendID("c", customer + 1, width: customerIDWidth, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        DemoClock.appendISO8601(time, offset: random.chance(0.5) ? tables.offsets.offset(at: time) : nil, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        let amount = Self.basket(spend: Double(spendFactors[customer]), tables, &random, into: &items)
        Self.appendCents(amount, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        bytes += tables.currency
        let roll = random.below(100)
        bytes += roll < 4 ? ",refunded,".utf8 : roll < 7 ? ",cancelled,".utf8 : ",completed,".utf8
        Self.appendItems(items, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        if random.chance(0.1) { bytes += random.pick(tables.promoCodes) }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Fills `items` with 1–4 distinct products whose price × quantity sum to a log-normal amount
    /// (median 45 in the order's currency, scaled by the customer's spend factor), and returns it in cents.
    /// Prices follow list-price proportions with charm pricing (`x.99`); the last line absorbs the remainder.
    static func basket(
        spend: Double,
        _ tables: DemoRegionTables,
        _ random: inout DemoRandom,
        into items: inout [DemoItem]
    ) -> Int {
        let amount = min(max(Int((random.logNormal(median: 4_500, sigma: 0.62) * spend).rounded()), 100), 2_000_000)
        let lineCount = amount < 1_000 ? 1 : random.weightedIndex([50, 28, 14, 8]) + 1
        items.removeAll(keepingCapacity: true)
        while items.count < lineCount {
            let quantity = items.count == lineCount - 1 ? 1 : random.weightedIndex([76, 17, 5, 2]) + 1
            let product = pickProduct(near: amount / (lineCount * quantity), tables, &random)
            guard !items.contains(where: { $0.product.name == product.name }) else { continue }
            items.append(DemoItem(product: product, quantity: quantity, price: 0))
        }
        let listTotal = items.reduce(0) { $0 + $1.product.listPrice * $1.quantity }
        var allocated = 0
        for index in items.indices.dropLast() {
            var price = amount * items[index].product.listPrice / listTotal
            if price >= 500 { price = price / 100 * 100 - 1 }
            items[index].price = price
            allocated += price * items[index].quantity
        }
        items[items.count - 1].price = amount - allocated
        // Very cheap lines in a big basket can round to zero; fall back to a single line then.
        if items.contains(where: { $0.price < 1 }) {
            items.removeLast(items.count - 1)
            items[0].quantity = 1
            items[0].price = amount
        }
        return amount
    }

    /// Of a few random products, the one whose list price is nearest `share`, so a 12.00 basket holds a mug
    /// rather than a rain jacket.
    static func pickProduct(near share: Int, _ tables: DemoRegionTables, _ random: inout DemoRandom) -> DemoProduct {
        if random.chance(0.002) { return random.pick(tables.oddities) }
        var best = random.pick(tables.products)
        for _ in 0..<3 {
            let candidate = random.pick(tables.products)
            if distance(candidate.listPrice, share) < distance(best.listPrice, share) { best = candidate }
        }
        return best
    }

    /// How far apart two prices are as a ratio (≥ 1), so 10 vs 20 is as far as 50 vs 100.
    private static func distance(_ price: Int, _ share: Int) -> Double {
        let ratio = Double(price) / Double(max(share, 1))
        return ratio >= 1 ? ratio : 1 / ratio
    }

    /// The items column: a JSON array, CSV-quoted (every `"` doubled), built from pre-escaped fragments.
    static func appendItems(_ items: [DemoItem], to bytes: inout [UInt8]) {
        bytes += "\"[".utf8
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += item.product.csvJSONPrefix
            DemoClock.appendDigits(item.quantity, width: 1, to: &bytes)
            bytes += ",\"\"price\"\":\"\"".utf8
            appendCents(item.price, to: &bytes)
            bytes += "\"\"}".utf8
        }
        bytes += "]\"".utf8
    }

    /// `1234` → `12.34`; every demo currency has two decimals.
    static func appendCents(_ cents: Int, to bytes: inout [UInt8]) {
        DemoClock.appendDigits(cents / 100, width: 1, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        DemoClock.appendDigits(cents % 100, width: 2, to: &bytes)
    }
}

/// One line of an order: a product, how many, and the unit price in cents.
struct DemoItem {
    let product: DemoProduct
    var quantity: Int
    var price: Int
}
