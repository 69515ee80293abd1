extension DemoDataGenerator {
    /// Renders `orders.csv` (header included), oldest order first, in chunks of at least about `chunkBytes`.
    public func writeOrders(chunkBytes: Int = 1 << 20, to sink: ([UInt8]) throws -> Void) rethrows {
        try sink(Array((Self.ordersHeader + "\n").utf8))
        try Self.render(rows: orderCount, rowsPerChunk: max(1, chunkBytes / 120), to: sink) { order, buffer in
            appendOrder(order, to: buffer)
        }
    }

    /// One order row; everything but its time and customer comes from the order's own random stream.
    func appendOrder(_ order: Int, to bytes: DemoByteBuffer) {
        let key = orderKeys[order]
        let customer = Int(key & 0xFFFF_FFFF)
        let time = start + Int64(key >> 32)
        let tables = regions[Int(regionIndices[customer])]
        var random = DemoRandom(seed: seed, stream: .orders, index: order)

        bytes.append(UInt8(ascii: "o"))
        bytes.appendDigits(order + 1, width: orderIDWidth)
        bytes.appendLiteral(",c")
        bytes.appendDigits(customer + 1, width: customerIDWidth)
        bytes.append(UInt8(ascii: ","))
        bytes.appendISO8601(time, offset: random.chance(0.5) ? tables.offsets.offset(at: time) : nil)
        bytes.append(UInt8(ascii: ","))
        var items = DemoBasket()
        let amount = Self.fill(&items, spend: Double(spendFactors[customer]), tables, &random)
        bytes.appendCents(amount)
        bytes.append(UInt8(ascii: ","))
        bytes.append(tables.currency)
        let roll = random.below(100)
        bytes.appendLiteral(roll < 4 ? ",refunded," : roll < 7 ? ",cancelled," : ",completed,")
        Self.appendItems(items, tables, to: bytes)
        bytes.append(UInt8(ascii: ","))
        if random.chance(0.1) { bytes.append(random.pick(tables.promoCodes)) }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Fills `basket` with 1–4 distinct products whose price × quantity sum to a log-normal amount
    /// (median 45 in the order's currency, scaled by the customer's spend factor), and returns it in cents.
    /// Prices follow list-price proportions with charm pricing (`x.99`); the last line absorbs the remainder.
    static func fill(
        _ basket: inout DemoBasket,
        spend: Double,
        _ tables: DemoRegionTables,
        _ random: inout DemoRandom
    ) -> Int {
        let amount = min(max(Int((random.logNormal(median: 4_500, sigma: 0.62) * spend).rounded()), 100), 2_000_000)
        let lineCount = amount < 1_000 ? 1 : random.weightedIndex(Self.lineCountWeights) + 1
        while basket.count < lineCount {
            let quantity = basket.count == lineCount - 1 ? 1 : random.weightedIndex(Self.quantityWeights) + 1
            let product = pickProduct(near: amount / (lineCount * quantity), tables, &random)
            guard !basket.contains(product: product) else { continue }
            basket.append(DemoLine(product: product, quantity: quantity, price: 0))
        }
        var listTotal = 0
        for index in 0..<lineCount {
            listTotal += tables.products[basket[index].product].listPrice * basket[index].quantity
        }
        var allocated = 0
        for index in 0..<lineCount - 1 {
            var price = amount * tables.products[basket[index].product].listPrice / listTotal
            if price >= 500 { price = price / 100 * 100 - 1 }
            basket[index].price = price
            allocated += price * basket[index].quantity
        }
        basket[lineCount - 1].price = amount - allocated
        // Very cheap lines in a big basket can round to zero; fall back to a single line then.
        if (0..<lineCount).contains(where: { basket[$0].price < 1 }) {
            basket.keepFirst()
            basket[0].quantity = 1
            basket[0].price = amount
        }
        return amount
    }

    static let lineCountWeights = [50, 28, 14, 8]
    static let quantityWeights = [76, 17, 5, 2]

    /// Of a few random products, the index of the one whose list price is nearest `share`, so a 12.00 basket
    /// holds a mug rather than a rain jacket. Rarely an oddity (a name with a line break or a tab).
    static func pickProduct(near share: Int, _ tables: DemoRegionTables, _ random: inout DemoRandom) -> Int {
        let regular = tables.regularProductCount
        if random.chance(0.002) { return regular + random.below(tables.products.count - regular) }
        var best = random.below(regular)
        for _ in 0..<3 {
            let candidate = random.below(regular)
            if distance(tables.products[candidate].listPrice, share) < distance(tables.products[best].listPrice, share)
            {
                best = candidate
            }
        }
        return best
    }

    /// How far apart two prices are as a ratio (≥ 1), so 10 vs 20 is as far as 50 vs 100.
    private static func distance(_ price: Int, _ share: Int) -> Double {
        let ratio = Double(price) / Double(max(share, 1))
        return ratio >= 1 ? ratio : 1 / ratio
    }

    /// The items column: a JSON array, CSV-quoted (every `"` doubled), built from pre-escaped fragments.
    static func appendItems(_ basket: DemoBasket, _ tables: DemoRegionTables, to bytes: DemoByteBuffer) {
        bytes.appendLiteral("\"[")
        for index in 0..<basket.count {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(tables.products[basket[index].product].csvJSONPrefix)
            bytes.appendDigits(basket[index].quantity)
            bytes.appendLiteral(",\"\"price\"\":\"\"")
            bytes.appendCents(basket[index].price)
            bytes.appendLiteral("\"\"}")
        }
        bytes.appendLiteral("]\"")
    }
}
