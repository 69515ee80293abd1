import Foundation
import HomingChannels
import HomingConfig
import HomingCore
import HomingTestSupport
import Testing

@Suite struct ChannelSettingsTests {
    @Test func theShippedChannelsAllPointAtTheLocalSink() throws {
        let channels = try ChannelDirectory.load(path: RepositoryPaths.root.appendingPathComponent("channels").path)
        #expect(Set(channels.settings.keys) == [.email, .sms, .push, .webhook])
        guard case .smtp(let smtp) = channels.settings[.email]?.adapter else {
            Issue.record("email should use smtp")
            return
        }
        #expect(smtp.url == "smtp://127.0.0.1:2525")
        #expect(smtp.starttls == .off)
        guard case .twilio(let twilio) = channels.settings[.sms]?.adapter else {
            Issue.record("sms should use twilio")
            return
        }
        #expect(twilio.baseURL == "http://127.0.0.1:8025")
        #expect(twilio.authTokenVariable == "HOMING_TWILIO_AUTH_TOKEN")
        guard case .fcm(let fcm) = channels.settings[.push]?.adapter else {
            Issue.record("push should use fcm")
            return
        }
        #expect(fcm.tokenURL == "http://127.0.0.1:8025/token")
        #expect(channels.settings[.sms]?.rate?.perSecond == 100)
        #expect(channels.settings[.sms]?.backoff == RetryBackoff(baseSeconds: 5, capSeconds: 900, maxAttempts: 5))
    }

    @Test func everyAdapterParsesItsFields() throws {
        let apns = try ChannelSettings(
            yaml: """
                channel: push
                adapter: apns
                base_url: https://api.sandbox.push.apple.com
                key_env: HOMING_APNS_KEY
                key_id: ABC123DEFG
                team_id: TEAM123456
                topic: com.shop.app
                expiration: 1d
                """,
            file: "push.yaml"
        )
        guard case .apns(let configuration) = apns.adapter else {
            Issue.record("expected apns")
            return
        }
        #expect(configuration.topic == "com.shop.app")
        #expect(configuration.expiration == .seconds(86_400))
        let sendgrid = try ChannelSettings(
            yaml: "channel: email\nadapter: sendgrid\napi_key_env: SG_KEY\nfrom_email: a@b.example\nfrom_name: Shop\n",
            file: "email.yaml"
        )
        guard case .sendgrid(let mail) = sendgrid.adapter else {
            Issue.record("expected sendgrid")
            return
        }
        #expect(mail.baseURL == "https://api.sendgrid.com")
        #expect(mail.fromName == "Shop")
        #expect(sendgrid.rate == nil)
    }

    @Test(arguments: [
        ("channel: email\nadapter: fax\n", "email.yaml:2: adapter: \"fax\" is unknown"),
        (
            "channel: sms\nadapter: smtp\nurl: smtp://x\nenvelope_from: a@b\n",
            "email.yaml:2: adapter smtp serves email, not sms"
        ),
        (
            "channel: email\nadapter: sendgrid\napi_key_env: SG.abc123\nfrom_email: a@b\n",
            "email.yaml:3: api_key_env must name an environment variable"
        ),
        (
            "channel: email\nadapter: sendgrid\napi_key_env: K\nfrom_email: a@b\ncolour: red\n",
            "email.yaml:5: unknown field \"colour\" for adapter sendgrid"
        ),
        (
            "channel: email\nadapter: smtp\nurl: smtp://x\nenvelope_from: a@b\nstarttls: maybe\n",
            "email.yaml:5: starttls: \"maybe\" is not required, opportunistic or off"
        ),
        (
            "channel: sms\nadapter: twilio\naccount_sid: AC1\nauth_token_env: T\n",
            "email.yaml:1: from is required for adapter twilio"
        ),
        (
            "channel: email\nadapter: sendgrid\napi_key_env: K\nfrom_email: a@b\nrate: { per_second: 0 }\n",
            "email.yaml:5: rate.per_second must be greater than 0"
        ),
        (
            "channel: email\nadapter: sendgrid\napi_key_env: K\nfrom_email: a@b\nretry: { max_attempts: 2.5 }\n",
            "email.yaml:5: retry.max_attempts must be a whole number"
        ),
        ("channel: fax\nadapter: smtp\n", "email.yaml:1: channel: \"fax\" is not email, sms, push or webhook"),
    ])
    func mistakesNameTheirLine(yaml: String, expected: String) {
        #expect {
            try ChannelSettings(yaml: yaml, file: "email.yaml")
        } throws: { error in
            "\(error)".hasPrefix(expected)
        }
    }

    @Test func twoFilesForOneChannelAreRefused() throws {
        let directory = try TemporaryDirectory()
        let text = "channel: email\nadapter: sendgrid\napi_key_env: K\nfrom_email: a@b\n"
        try text.write(to: directory.url.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try text.write(to: directory.url.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        #expect {
            try ChannelDirectory.load(path: directory.url.path)
        } throws: { error in
            "\(error)".contains("channel email is already configured by")
        }
    }
}
