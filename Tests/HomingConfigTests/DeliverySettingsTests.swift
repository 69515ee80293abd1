import HomingConfig
import HomingCore
import Testing

/// The `delivery:` section of `homing.yaml`: defaults, overrides and mistakes with their lines.
@Suite struct DeliverySettingsTests {
    private func settings(_ lines: [String]) throws(ConfigError) -> DeliverySettings {
        try HomingSettings(yaml: (["base_currency: EUR"] + lines).joined(separator: "\n") + "\n", file: "homing.yaml")
            .delivery
    }

    private func message(_ lines: [String]) -> String? {
        do {
            _ = try settings(lines)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func absentSectionGivesTheDefaults() throws {
        let delivery = try settings([])
        #expect(delivery.quietHours == [.sms: QuietHours.smsDefault, .push: QuietHours.pushDefault])
        #expect(delivery.quietHours[.sms]?.description == "21:00-08:00")
        #expect(delivery.caps == FrequencyCaps.defaults)
    }

    @Test func overridesOffAndCaps() throws {
        let delivery = try settings([
            "delivery:",
            "  quiet_hours:",
            "    sms: \"22:30-07:00\"",
            "    push: off",
            "  caps:",
            "    - { channel: sms, limit: 2, per: 1d, action: skip }",
            "    - { limit: 5, per: 2w }",
        ])
        #expect(delivery.quietHours == [.sms: QuietHours(parsing: "22:30-07:00")!])
        #expect(
            delivery.caps
                == FrequencyCaps([
                    FrequencyCap(channel: .sms, limit: 2, windowSeconds: 86_400, action: .skip),
                    FrequencyCap(channel: nil, limit: 5, windowSeconds: 14 * 86_400, action: .defer),
                ])
        )
        #expect(try settings(["delivery:", "  caps: []"]).caps.caps.isEmpty)
    }

    @Test(arguments: [
        (["delivery:", "  quiet_hours:", "    sms: \"21:00-25:00\""], 4, "21:00-25:00"),
        (["delivery:", "  quiet_hours:", "    fax: off"], 4, "unknown channel \"fax\""),
        (["delivery:", "  quiet_hour: {}"], 3, "unknown field \"quiet_hour\""),
        (["delivery:", "  caps:", "    - { channel: email, limit: 1, per: 16 hours }"], 4, "\"16 hours\""),
        (["delivery:", "  caps:", "    - { limit: 0, per: 1d }"], 4, "at least 1"),
        (["delivery:", "  caps:", "    - { limit: 1, per: 1d, action: drop }"], 4, "skip or defer"),
        (["delivery:", "  caps:", "    - { limit: 1 }"], 4, "limit and per"),
    ])
    func mistakesNameTheirLine(lines: [String], line: Int, words: String) throws {
        let text = try #require(message(lines))
        #expect(text.hasPrefix("homing.yaml:\(line): "), "\(text)")
        #expect(text.contains(words), "\(text)")
    }
}
