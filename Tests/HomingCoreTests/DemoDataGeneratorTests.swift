import Foundation
import Testing

@testable import HomingCore

@Suite struct DemoDataGeneratorTests {
    /// One generated data set shared by the validity tests (generation is deterministic, so sharing is safe).
    static let sample = DemoSample(customers: 3_000, orders: 12_000, seed: 7)

    static let regions: [String: (zones: Set<String>, country: String, currency: String, phone: String)] = [
        "en": (["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"], "US", "USD", "+1"),
        "en-GB": (["Europe/London"], "GB", "GBP", "+447"),
        "fr": (["Europe/Paris"], "FR", "EUR", "+33"),
        "fr-CA": (["America/Toronto"], "CA", "CAD", "+1"),
        "zh-CN": (["Asia/Shanghai"], "CN", "CNY", "+861"),
        "zh-TW": (["Asia/Taipei"], "TW", "TWD", "+8869"),
        "zh-Hant-TW": (["Asia/Taipei"], "TW", "TWD", "+8869"),
    ]

    @Test func sameSeedGivesIdenticalBytesAndAnotherSeedDiffers() throws {
        let first = DemoSample(customers: 500, orders: 2_000, seed: 11)
        let again = DemoSample(customers: 500, orders: 2_000, seed: 11)
        let other = DemoSample(customers: 500, orders: 2_000, seed: 12)
        #expect(first.customersCSV == again.customersCSV)
        #expect(first.ordersCSV == again.ordersCSV)
        #expect(first.customersCSV != other.customersCSV)
        #expect(first.ordersCSV != other.ordersCSV)
    }

    @Test func chunkSizeDoesNotChangeTheBytes() throws {
        let generator = try DemoDataGenerator(customers: 300, orders: 1_000, seed: 3)
        var small: [UInt8] = []
        var chunks = 0
        generator.writeOrders(chunkBytes: 4_096) { chunk in
            small += chunk
            chunks += 1
        }
        var whole: [UInt8] = []
        generator.writeOrders(chunkBytes: 1 << 30) { whole += $0 }
        #expect(small == whole)
        #expect(chunks > 10)
    }

    @Test func writesExactlyTheRequestedRowsWithTheFixedHeaders() {
        let sample = Self.sample
        #expect(sample.customerHeader == DemoDataGenerator.customersHeader.split(separator: ",").map(String.init))
        #expect(sample.orderHeader == DemoDataGenerator.ordersHeader.split(separator: ",").map(String.init))
        #expect(sample.customers.count == 3_000)
        #expect(sample.orders.count == 12_000)
        #expect(sample.customers.map { $0["customer_id"]! } == (1...3_000).map { "c" + pad($0, 7) })
        #expect(sample.orders.map { $0["order_id"]! } == (1...12_000).map { "o" + pad($0, 8) })
    }

    @Test func zeroOrdersAndInvalidCountsAreHandled() throws {
        let empty = DemoSample(customers: 10, orders: 0, seed: 1)
        #expect(empty.orders.isEmpty)
        #expect(empty.customers.count == 10)
        #expect(throws: DemoDataError.self) { try DemoDataGenerator(customers: 0, orders: 5, seed: 1) }
        #expect(throws: DemoDataError.self) { try DemoDataGenerator(customers: -1, orders: 0, seed: 1) }
        let single = DemoSample(customers: 1, orders: 50, seed: 5)
        #expect(Set(single.orders.map { $0["customer_id"]! }) == ["c0000001"])
    }

    @Test func customerRowsFollowTheImportRules() throws {
        for row in Self.sample.customers {
            let id = row["customer_id"]!
            let region = try #require(Self.regions[row["locale"]!], "\(id): locale \(row["locale"]!)")
            #expect(region.zones.contains(row["timezone"]!), "\(id)")
            #expect(row["country"] == region.country, "\(id)")
            let email = row["email"]!
            let phone = row["phone"]!
            let token = row["push_token"]!
            #expect(!email.isEmpty || !phone.isEmpty, "\(id) has neither email nor phone")
            #expect(email.isEmpty || isASCIIAddrSpec(email), "\(id): email \(email)")
            #expect(phone.isEmpty || (isE164(phone) && phone.hasPrefix(region.phone)), "\(id): phone \(phone)")
            #expect(token.isEmpty || (token.count == 64 && token.allSatisfy(\.isHexDigit)), "\(id): token")
            for (column, address) in [("consent_email", email), ("consent_sms", phone), ("consent_push", token)] {
                let consent = row[column]!
                #expect(consent == "true" || consent == "false", "\(id): \(column)")
                #expect(!(address.isEmpty && consent == "true"), "\(id): \(column) without an address")
            }
            #expect(!row["first_name"]!.isEmpty && !row["last_name"]!.isEmpty, "\(id)")
            let signup = try #require(try? DemoClock.parse(row["signup_at"]!), "\(id): signup_at")
            #expect(signup < DemoDataGenerator.defaultUntil)
            try expectOffsetMatchesZone(row["signup_at"]!, zone: row["timezone"]!)
        }
        let emails = Self.sample.customers.map { $0["email"]! }.filter { !$0.isEmpty }
        #expect(Set(emails).count == emails.count, "emails are unique")
    }

    @Test func customerMixLooksLikeARealShop() {
        let customers = Self.sample.customers
        func share(_ predicate: ([String: String]) -> Bool) -> Double {
            Double(customers.filter(predicate).count) / Double(customers.count)
        }
        #expect((0.6...0.8).contains(share { $0["consent_email"] == "true" }))
        #expect((0.3...0.5).contains(share { $0["consent_sms"] == "true" }))
        #expect((0.2...0.4).contains(share { $0["consent_push"] == "true" }))
        #expect((0.25...0.35).contains(share { !$0["push_token"]!.isEmpty }))
        #expect(share { $0["email"]!.isEmpty } > 0.02)
        #expect(share { $0["phone"]!.isEmpty } > 0.1)
        #expect(Set(customers.map { $0["locale"]! }).count == Self.regions.count)
        #expect(customers.contains { $0["signup_at"]!.hasSuffix("Z") })
        #expect(customers.contains { !$0["signup_at"]!.hasSuffix("Z") })
    }

    @Test func namesAreNativeAndSomeStressCSVQuoting() {
        let customers = Self.sample.customers
        let names = customers.flatMap { [$0["first_name"]!, $0["last_name"]!] }
        #expect(names.contains { $0.contains(where: { "éèëêïçô".contains($0) }) }, "French accents")
        let simplified = customers.filter { $0["locale"] == "zh-CN" }.map { $0["last_name"]! }
        let traditional = customers.filter { $0["locale"]!.hasSuffix("TW") }.map { $0["last_name"]! }
        #expect(simplified.contains("陈") && !simplified.contains("陳"))
        #expect(traditional.contains("陳") && !traditional.contains("陈"))
        #expect(names.contains { $0.contains(",") }, "a name with a comma")
        #expect(names.contains { $0.contains("\"") }, "a name with a double quote")
        #expect(names.contains { $0.contains("\n") }, "a last name with a line break")
    }

    @Test func orderRowsFollowTheImportRules() throws {
        let sample = Self.sample
        let customers = Dictionary(uniqueKeysWithValues: sample.customers.map { ($0["customer_id"]!, $0) })
        var previous = Int64.min
        for row in sample.orders {
            let id = row["order_id"]!
            let customer = try #require(customers[row["customer_id"]!], "\(id): unknown customer")
            let region = try #require(Self.regions[customer["locale"]!])
            #expect(row["currency"] == region.currency, "\(id)")
            #expect(["completed", "refunded", "cancelled"].contains(row["status"]!), "\(id)")
            let time = try #require(try? DemoClock.parse(row["ordered_at"]!), "\(id): ordered_at")
            #expect(time >= previous, "\(id) is out of time order")
            previous = time
            #expect(time > (try DemoClock.parse(customer["signup_at"]!)), "\(id) precedes the signup")
            #expect(time < DemoDataGenerator.defaultUntil)
            try expectOffsetMatchesZone(row["ordered_at"]!, zone: customer["timezone"]!)
            try expectItemsAddUp(row)
        }
    }

    @Test func itemNamesSpeakTheCustomersLanguageAndStressJSONEscaping() throws {
        let sample = Self.sample
        let locales = Dictionary(uniqueKeysWithValues: sample.customers.map { ($0["customer_id"]!, $0["locale"]!) })
        var allNames: [String] = []
        for row in sample.orders {
            let items = try #require(
                try JSONSerialization.jsonObject(with: Data(row["items"]!.utf8)) as? [[String: Any]]
            )
            let names = items.compactMap { $0["name"] as? String }
            allNames += names
            let locale = locales[row["customer_id"]!]!
            let isCJK = { (name: String) in name.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
            if locale.hasPrefix("zh") { #expect(names.allSatisfy(isCJK), "\(row["order_id"]!): \(names)") }
            if locale.hasPrefix("en") { #expect(names.allSatisfy { $0.allSatisfy(\.isASCII) }, "\(names)") }
        }
        #expect(allNames.contains { $0.contains("\n") }, "an item name with a line break")
        #expect(allNames.contains { $0.contains("\"") }, "an item name with a double quote")
        #expect(allNames.contains { $0.contains("\\") }, "an item name with a backslash")
        #expect(allNames.contains { $0.contains(",") }, "an item name with a comma")
    }

    @Test func outputIsPinnedAcrossPlatforms() {
        // FNV-1a of a small data set. A change means every machine's demo data changed: update it only on purpose.
        let sample = DemoSample(customers: 200, orders: 1_000, seed: 2026)
        #expect(fnv1a(sample.customersCSV) == 4_742_569_282_898_703_589)
        #expect(fnv1a(sample.ordersCSV) == 12_509_419_337_186_209_467)
    }

    @Test func ordersHaveStatusesPromosAndAHeavyTail() {
        let orders = Self.sample.orders
        let statuses = Dictionary(grouping: orders, by: { $0["status"]! }).mapValues(\.count)
        #expect(Double(statuses["completed"]!) / Double(orders.count) > 0.88)
        #expect((0.02...0.06).contains(Double(statuses["refunded"]!) / Double(orders.count)))
        #expect((0.015...0.05).contains(Double(statuses["cancelled"]!) / Double(orders.count)))
        let promos = orders.map { $0["promo_code"]! }.filter { !$0.isEmpty }
        #expect((0.07...0.13).contains(Double(promos.count) / Double(orders.count)))
        #expect(promos.filter { $0.allSatisfy(\.isASCII) }.count > promos.count * 3 / 4)

        var perCustomer = Dictionary(grouping: orders, by: { $0["customer_id"]! }).mapValues(\.count)
        for customer in Self.sample.customers where perCustomer[customer["customer_id"]!] == nil {
            perCustomer[customer["customer_id"]!] = 0
        }
        let counts = perCustomer.values.sorted()
        let median = counts[counts.count / 2]
        #expect(counts.filter { $0 == 0 }.count > counts.count / 10, "prospects")
        #expect(counts.filter { $0 == 1 }.count > counts.count / 20, "one-time buyers")
        #expect(counts.last! >= 10 * max(median, 1), "max \(counts.last!) vs median \(median)")
    }

    @Test func amountsAreLogNormalAroundFortyFive() throws {
        let cents = try Self.sample.orders.map { try Currency("USD")!.minorUnits(fromDecimal: $0["amount"]!) }.sorted()
        let median = Double(cents[cents.count / 2]) / 100
        #expect((35...60).contains(median), "median \(median)")
        #expect(Double(cents[cents.count * 99 / 100]) / 100 > 3 * median)
        #expect(cents.first! >= 100)
    }

    @Test func untilBoundsTheHistory() throws {
        let until = try DemoClock.parse("2024-06-01T12:00:00Z")
        let generator = try DemoDataGenerator(customers: 300, orders: 2_000, seed: 4, until: until)
        var bytes: [UInt8] = []
        generator.writeOrders { bytes += $0 }
        let (_, orders) = DemoSample.table(bytes)
        let earliest = until - Int64(DemoDataGenerator.historyDays) * 86_400
        let times = try orders.map { try DemoClock.parse($0["ordered_at"]!) }
        #expect(times.allSatisfy { $0 >= earliest && $0 < until })
        #expect(times.max()! > until - 30 * 86_400, "the history runs up to until")
        #expect(times.min()! < earliest + 365 * 86_400, "and reaches back years")
    }

    @Test func parsesUntilAndFormatsOffsetsForTheZone() throws {
        #expect(try DemoClock.parse("2026-11-01T00:00:00Z") == 1_793_491_200)
        #expect(try DemoClock.parse("2026-11-01") == 1_793_491_200)
        #expect(try DemoClock.parse("2026-11-01T01:00:00+01:00") == 1_793_491_200)
        #expect(try DemoClock.parse("2026-10-31T20:00:00.250-04:00") == 1_793_491_200)
        for bad in ["2026-13-01", "2026-02-30T00:00:00Z", "yesterday", "2026-11-01T00:00:00", "2026-11-01T25:00:00Z"] {
            #expect(throws: DemoDataError.self) { try DemoClock.parse(bad) }
        }
        let newYork = DemoZoneOffsets(identifier: "America/New_York", from: 1_735_689_600, through: 1_767_225_600)
        #expect(newYork.offset(at: 1_741_503_599) == -18_000)  // 2025-03-09 06:59:59Z, EST
        #expect(newYork.offset(at: 1_741_503_600) == -14_400)  // 2025-03-09 07:00:00Z, EDT
        let buffer = DemoByteBuffer(capacity: 8)
        buffer.appendISO8601(1_741_180_930, offset: 3_600)
        buffer.append(",")
        buffer.appendISO8601(-1, offset: -16_200)
        buffer.append(",")
        buffer.appendISO8601(951_782_400, offset: nil)
        #expect(
            String(decoding: buffer.bytes, as: UTF8.self)
                == "2025-03-05T14:22:10+01:00,1969-12-31T19:29:59-04:30,2000-02-29T00:00:00Z"
        )
    }

    @Test func mathIsCloseToTheLibraryFunctions() {
        for x in [1e-9, 0.001, 0.5, 1, 2, 45, 1e6, 123_456.789] {
            #expect(abs(DemoMath.log(x) - Foundation.log(x)) <= 4 * Foundation.log(x).ulp.magnitude + 1e-15)
        }
        for x in [-20.0, -1, -0.3, 0, 0.3, 1, 3.8, 20] {
            #expect(abs(DemoMath.exp(x) - Foundation.exp(x)) <= 4 * Foundation.exp(x).ulp)
        }
    }
}

/// A generated data set, kept as bytes and as parsed rows keyed by column name.
struct DemoSample {
    let customersCSV: [UInt8]
    let ordersCSV: [UInt8]
    let customerHeader: [String]
    let orderHeader: [String]
    let customers: [[String: String]]
    let orders: [[String: String]]

    init(customers: Int, orders: Int, seed: UInt64) {
        let generator = try! DemoDataGenerator(customers: customers, orders: orders, seed: seed)
        var customerBytes: [UInt8] = []
        var orderBytes: [UInt8] = []
        generator.writeCustomers { customerBytes += $0 }
        generator.writeOrders { orderBytes += $0 }
        customersCSV = customerBytes
        ordersCSV = orderBytes
        (customerHeader, self.customers) = DemoSample.table(customerBytes)
        (orderHeader, self.orders) = DemoSample.table(orderBytes)
    }

    static func table(_ bytes: [UInt8]) -> ([String], [[String: String]]) {
        let records = parseCSV(String(decoding: bytes, as: UTF8.self))
        let header = records[0]
        let rows = records.dropFirst().map { record in
            precondition(record.count == header.count, "record \(record) has \(record.count) fields")
            return Dictionary(uniqueKeysWithValues: zip(header, record))
        }
        return (header, rows)
    }

    /// A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            if inQuotes {
                if scalar != "\"" {
                    field.unicodeScalars.append(scalar)
                } else if pending == "\"" {
                    field.append("\"")
                    pending = scalars.next()
                } else {
                    inQuotes = false
                    precondition(pending == "," || pending == "\n", "text after a closing quote")
                }
                continue
            }
            switch scalar {
            case "\"":
                precondition(field.isEmpty, "quote inside an unquoted field")
                inQuotes = true
            case ",":
                record.append(field)
                field = ""
            case "\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
            default:
                precondition(scalar != "\r", "stray carriage return")
                field.unicodeScalars.append(scalar)
            }
        }
        precondition(!inQuotes && field.isEmpty && record.isEmpty, "file must end with a complete line")
        return records
    }
}

private func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    bytes.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
}

private func pad(_ number: Int, _ width: Int) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

private func isE164(_ phone: String) -> Bool {
    let digits = phone.dropFirst()
    return phone.first == "+" && (8...15).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
        && digits.first != "0"
}

/// A conservative dot-atom addr-spec: what every importer accepts.
private func isASCIIAddrSpec(_ email: String) -> Bool {
    let parts = email.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, email.allSatisfy(\.isASCII) else { return false }
    let atom = Set("abcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~")
    let dotAtom = { (text: Substring) in
        text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0.allSatisfy(atom.contains)
        }
    }
    return dotAtom(parts[0]) && dotAtom(parts[1]) && parts[1].contains(".")
}

/// A timestamp's written offset (or `Z`) must agree with the zone's real offset at that instant.
private func expectOffsetMatchesZone(_ text: String, zone: String) throws {
    guard !text.hasSuffix("Z") else { return }
    let instant = try DemoClock.parse(text)
    let written = try DemoClock.parse(String(text.prefix(19)) + "Z") - instant
    let actual = TimeZone(identifier: zone)!.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
    #expect(written == Int64(actual), "\(text) in \(zone)")
}

/// `items` is a JSON array of 1–4 `{name, quantity, price}` whose price × quantity sum to `amount`.
private func expectItemsAddUp(_ row: [String: String]) throws {
    let currency = try #require(Currency(row["currency"]!))
    let json = try JSONSerialization.jsonObject(with: Data(row["items"]!.utf8))
    let items = try #require(json as? [[String: Any]], "\(row["order_id"]!): items is not an array of objects")
    #expect((1...4).contains(items.count))
    var total: Int64 = 0
    for item in items {
        let name = try #require(item["name"] as? String)
        let quantity = try #require(item["quantity"] as? Int)
        let price = try currency.minorUnits(fromDecimal: try #require(item["price"] as? String))
        #expect(!name.isEmpty && quantity >= 1 && price >= 1, "\(row["order_id"]!)")
        total += Int64(quantity) * price
    }
    #expect(total == (try currency.minorUnits(fromDecimal: row["amount"]!)), "\(row["order_id"]!)")
}
