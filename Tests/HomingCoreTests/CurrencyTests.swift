import HomingCore
import Testing

@Suite struct CurrencyTests {
    @Test func parsesDecimalsWithinTheCurrencyExponent() throws {
        let eur = try #require(Currency("EUR"))
        #expect(try eur.minorUnits(fromDecimal: "12.5") == 1250)
        #expect(try eur.minorUnits(fromDecimal: "0.07") == 7)
        #expect(try eur.minorUnits(fromDecimal: "1234") == 123_400)
        let jpy = try #require(Currency("JPY"))
        #expect(try jpy.minorUnits(fromDecimal: "1500") == 1500)
        let kwd = try #require(Currency("KWD"))
        #expect(try kwd.minorUnits(fromDecimal: "1.234") == 1234)
    }

    @Test(arguments: ["12.345", "-1", "1,50", "1e3", "", ".5", "5.", "1.2.3", " 1"])
    func refusesMalformedOrTooPreciseAmounts(_ text: String) throws {
        let eur = try #require(Currency("EUR"))
        #expect(throws: AmountError.self) { try eur.minorUnits(fromDecimal: text) }
    }

    @Test func refusesDecimalsForZeroExponentCurrencies() throws {
        let jpy = try #require(Currency("JPY"))
        #expect(throws: AmountError(description: "\"15.5\" has decimals, but JPY has no minor unit")) {
            try jpy.minorUnits(fromDecimal: "15.5")
        }
    }

    @Test func knowsOnlyIso4217Codes() {
        #expect(Currency("EURO") == nil)
        #expect(Currency("eur") == nil)
        #expect(Currency("TWD")?.exponent == 2)
        #expect(Currency("CLF")?.exponent == 4)
    }

    @Test func formatsMinorUnitsWithTheCurrencyDecimals() throws {
        #expect(Currency("EUR")!.decimalString(minorUnits: 123_456) == "1234.56")
        #expect(Currency("EUR")!.decimalString(minorUnits: 5) == "0.05")
        #expect(Currency("EUR")!.decimalString(minorUnits: -5) == "-0.05")
        #expect(Currency("JPY")!.decimalString(minorUnits: 1500) == "1500")
    }

    @Test func convertsToBaseAsDesignSection42Says() throws {
        let rates = ExchangeRates(base: Currency("EUR")!, rates: ["USD": 1.08, "JPY": 162.5, "KWD": 0.33])
        #expect(rates.baseMinorUnits(1080, in: Currency("USD")!) == 1000)
        // 1 JPY → 100/162.5 = 0.615… cents → 1 cent
        #expect(rates.baseMinorUnits(1, in: Currency("JPY")!) == 1)
        // 1.000 KWD → 1000 × 10^-1 / 0.33 = 303.03 → 303 cents
        #expect(rates.baseMinorUnits(1000, in: Currency("KWD")!) == 303)
        // half away from zero: 0.5 USD-cents-equivalent rounds up
        let even = ExchangeRates(base: Currency("EUR")!, rates: ["USD": 2])
        #expect(even.baseMinorUnits(1, in: Currency("USD")!) == 1)
        #expect(even.baseMinorUnits(3, in: Currency("USD")!) == 2)
        #expect(rates.baseMinorUnits(100, in: Currency("GBP")!) == nil)
    }
}
