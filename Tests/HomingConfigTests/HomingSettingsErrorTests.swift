import HomingConfig
import Testing

/// Each mistake in `homing.yaml` is refused with `FILE:LINE:` pointing at the line to fix.
@Suite struct HomingSettingsErrorTests {
    private func message(_ lines: [String]) -> String? {
        do {
            _ = try HomingSettings(yaml: lines.joined(separator: "\n") + "\n", file: "homing.yaml")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func minimalFileLoadsWithDefaults() throws {
        let settings = try HomingSettings(yaml: "base_currency: GBP\nfx_rates:\n  EUR: 1.17\n", file: "homing.yaml")
        #expect(settings.rates.base.code == "GBP")
        #expect(settings.rates.rates == ["GBP": 1, "EUR": 1.17])
        #expect(settings.storePath == "homing.db")
        #expect(settings.defaultTimeZone == "UTC")
    }

    @Test func unknownTopLevelField() throws {
        let text = try #require(message(["base_currency: EUR", "fx_rates:", "  USD: 1.08", "base_curency: USD"]))
        #expect(text.hasPrefix("homing.yaml:4: "))
        #expect(text.contains("unknown field \"base_curency\""))
    }

    @Test func unknownFieldInStore() throws {
        let text = try #require(message(["store:", "  path: x.db", "  pth: y.db", "base_currency: EUR"]))
        #expect(text.hasPrefix("homing.yaml:3: "))
        #expect(text.contains("\"pth\""))
    }

    @Test func fxRateForANonISOCode() throws {
        let text = try #require(message(["base_currency: EUR", "fx_rates:", "  USD: 1.08", "  EURO: 1.0"]))
        #expect(text.hasPrefix("homing.yaml:4: "))
        #expect(text.contains("\"EURO\""))
        #expect(text.contains("ISO 4217"))
    }

    @Test func nonPositiveRate() throws {
        let text = try #require(message(["base_currency: EUR", "fx_rates:", "  USD: 0"]))
        #expect(text.hasPrefix("homing.yaml:3: "))
    }

    @Test func baseCurrencyNotISO() throws {
        let text = try #require(message(["# settings", "base_currency: Euro"]))
        #expect(text.hasPrefix("homing.yaml:2: "))
        #expect(text.contains("\"Euro\""))
    }

    @Test func badDefaultTimeZone() throws {
        let text = try #require(message(["base_currency: EUR", "default_timezone: Mars/Olympus"]))
        #expect(text.hasPrefix("homing.yaml:2: "))
        #expect(text.contains("Mars/Olympus"))
    }
}
