import Foundation
import HomingConfig

extension ChannelDirectory {
    /// The same channels, each pointed at a local sink: HTTP adapters keep their paths on `http`'s
    /// origin, SMTP goes to `smtp`. `homing demo` uses it to deliver to its in-process sink.
    func redirected(http: String, smtp: String) -> ChannelDirectory {
        var copy = self
        for (channel, var settings) in settings {
            switch settings.adapter {
            case .smtp(var configuration):
                configuration.url = smtp
                configuration.starttls = .off
                settings.adapter = .smtp(configuration)
            case .fcm(var configuration):
                configuration.baseURL = http
                configuration.tokenURL = http + "/token"
                settings.adapter = .fcm(configuration)
            case .apns(var configuration):
                configuration.baseURL = http
                settings.adapter = .apns(configuration)
            case .sendgrid(var configuration):
                configuration.baseURL = http
                settings.adapter = .sendgrid(configuration)
            case .twilio(var configuration):
                configuration.baseURL = http
                settings.adapter = .twilio(configuration)
            case .webhook(var configuration):
                let path = URLComponents(string: configuration.url)?.path ?? "/webhooks/homing"
                configuration.url = http + path
                settings.adapter = .webhook(configuration)
            }
            copy.settings[channel] = settings
        }
        return copy
    }
}
