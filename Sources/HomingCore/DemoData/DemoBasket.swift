/// One line of an order: a product (index into the region's catalog), how many, and the unit price in cents.
struct DemoLine {
    var product = 0
    var quantity = 0
    var price = 0
}

/// Up to four order lines kept inline, so rendering an order allocates nothing.
struct DemoBasket {
    private var lines = (DemoLine(), DemoLine(), DemoLine(), DemoLine())
    private(set) var count = 0

    subscript(index: Int) -> DemoLine {
        get {
            switch index {
            case 0: lines.0
            case 1: lines.1
            case 2: lines.2
            default: lines.3
            }
        }
        set {
            switch index {
            case 0: lines.0 = newValue
            case 1: lines.1 = newValue
            case 2: lines.2 = newValue
            default: lines.3 = newValue
            }
        }
    }

    mutating func append(_ line: DemoLine) {
        precondition(count < 4, "a demo basket holds at most four lines")
        self[count] = line
        count += 1
    }

    mutating func keepFirst() { count = min(count, 1) }

    func contains(product: Int) -> Bool { (0..<count).contains { self[$0].product == product } }
}
