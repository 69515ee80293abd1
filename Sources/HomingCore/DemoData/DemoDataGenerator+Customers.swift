extension DemoDataGenerator {
    /// Renders `customers.csv` (header included) and hands it to `sink` in chunks of at least about `chunkBytes`.
    public func writeCustomers(chunkBytes: Int = 1 << 20, to sink: ([UInt8]) throws -> Void) rethrows {
        try sink(Array((Self.customersHeader + "\n").utf8))
        try Self.render(rows: customerCount, rowsPerChunk: max(1, chunkBytes / 100), to: sink) { customer, buffer in
            appendCustomer(customer, to: buffer)
        }
    }

    /// One customer row. Contact details come from their own random stream, independent of the plan.
    func appendCustomer(_ customer: Int, to bytes: DemoByteBuffer) {
        var random = DemoRandom(seed: seed, stream: .details, index: customer)
        let tables = regions[Int(regionIndices[customer])]
        let first = random.pick(tables.firstNames)
        let last = random.pick(tables.lastNames)
        let (firstName, lastName) = Self.stressedNames(first.display, last.display, tables, &random)
        let hasEmail = random.chance(0.93)
        let hasPhone = !hasEmail || random.chance(0.72)
        let hasToken = random.chance(0.3)

        bytes.append(UInt8(ascii: "c"))
        bytes.appendDigits(customer + 1, width: customerIDWidth)
        bytes.append(UInt8(ascii: ","))
        if hasEmail { appendEmail(customer, first: first.ascii, last: last.ascii, tables, &random, to: bytes) }
        bytes.append(UInt8(ascii: ","))
        if hasPhone { Self.appendPhone(tables.region, &random, to: bytes) }
        bytes.append(UInt8(ascii: ","))
        if hasToken { Self.appendHex(&random, count: 4, to: bytes) }
        bytes.append(UInt8(ascii: ","))
        Self.appendField(firstName, to: bytes)
        bytes.append(UInt8(ascii: ","))
        Self.appendField(lastName, to: bytes)
        bytes.append(UInt8(ascii: ","))
        bytes.append(tables.localeColumns)
        bytes.append(UInt8(ascii: ","))
        let signup = start + Int64(signups[customer])
        bytes.appendISO8601(
            signup,
            offset: random.chance(0.5) ? tables.offsets.offset(at: signup) : nil
        )
        // Consent is only ever true for an address that exists.
        bytes.appendLiteral(hasEmail && random.chance(0.75) ? ",true" : ",false")
        bytes.appendLiteral(hasPhone && random.chance(0.55) ? ",true" : ",false")
        bytes.appendLiteral(hasToken && random.chance(0.93) ? ",true" : ",false")
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Now and then a name that real exports contain and naive CSV code breaks on:
    /// a comma (`Smith, Jr.`), a quoted nickname (`Robert "Bobby"`), a line break inside a last name.
    static func stressedNames(
        _ first: String,
        _ last: String,
        _ tables: DemoRegionTables,
        _ random: inout DemoRandom
    ) -> (String, String) {
        let roll = random.unit()
        let language = tables.region.language
        if roll < 0.01, language != .simplifiedChinese, language != .traditionalChinese {
            let suffixes =
                language == .french || language == .quebec ? [", fils", ", père"] : [", Jr.", ", Sr.", ", III"]
            return (first, last + random.pick(suffixes))
        }
        if roll < 0.02 {
            let nicknames: [String] =
                switch language {
                case .american, .british: ["Bobby", "Liz", "Kate", "DJ", "Mac"]
                case .french, .quebec: ["Jojo", "Fanfan", "Loulou", "Titi"]
                case .simplifiedChinese, .traditionalChinese: ["Tony", "Amy", "Kevin", "小宝"]
                }
            return (first + " \"" + random.pick(nicknames) + "\"", last)
        }
        if roll < 0.022 { return (first, last + "\n" + random.pick(tables.lastNames).display) }
        return (first, last)
    }

    /// `name + unique number @ domain`. The number is the customer index scrambled by an affine bijection
    /// modulo 10^k, so addresses look random yet never collide (names hold no digits).
    func appendEmail(
        _ customer: Int,
        first: String,
        last: String,
        _ tables: DemoRegionTables,
        _ random: inout DemoRandom,
        to bytes: DemoByteBuffer
    ) {
        let (head, separator, tail): (String, String, String) =
            switch random.below(5) {
            case 0: (first, ".", last)
            case 1: (first, "", last)
            case 2: (String(first.prefix(1)), ".", last)
            case 3: (last, ".", first)
            default: (first, "_", last)
            }
        bytes.append(head)
        bytes.append(separator)
        bytes.append(tail)
        var modulus = 10
        while modulus < customerCount { modulus *= 10 }
        // A multiplier ending in 1, 3, 7 or 9 is coprime to 10^k, which makes the map a bijection.
        let mixed = Int(DemoRandom.mix(seed) % UInt64(modulus / 10))
        let multiplier = mixed * 10 + [1, 3, 7, 9][Int(seed % 4)]
        // Full-width product: customer × multiplier can pass 2^63 when there are billions of customers.
        let product = UInt64(customer).multipliedFullWidth(by: UInt64(multiplier))
        let scrambled = UInt64(modulus).dividingFullWidth(product).remainder
        bytes.appendDigits(Int((scrambled + seed % UInt64(modulus)) % UInt64(modulus)))
        bytes.append(UInt8(ascii: "@"))
        bytes.append(random.pick(tables.region.emailDomains))
    }

    static func appendPhone(_ region: DemoRegion, _ random: inout DemoRandom, to bytes: DemoByteBuffer) {
        bytes.append(random.pick(region.phonePrefixes))
        bytes.append(UInt8(ascii: "0") + UInt8(random.within(region.phoneLead)))
        for _ in 0..<region.phoneRestDigits { bytes.append(UInt8(ascii: "0") + UInt8(random.below(10))) }
    }

    /// `count` random 64-bit words as lower-case hex (a push token is 4 words, 64 characters).
    static func appendHex(_ random: inout DemoRandom, count: Int, to bytes: DemoByteBuffer) {
        for _ in 0..<count {
            let word = random.next()
            for shift in stride(from: 60, through: 0, by: -4) {
                let nibble = UInt8(truncatingIfNeeded: word >> UInt64(shift)) & 15
                bytes.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble)
            }
        }
    }

    /// Appends a free-text field, quoted by `CSVWriter` when it holds a comma, quote or line break.
    static func appendField(_ field: String, to bytes: DemoByteBuffer) {
        let needsQuotes = field.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r")
        }
        guard needsQuotes else {
            bytes.append(field)
            return
        }
        var quoted = ""
        CSVWriter.append(field, to: &quoted)
        bytes.append(quoted)
    }
}
