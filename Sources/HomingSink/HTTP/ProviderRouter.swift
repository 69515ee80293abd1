import NIOHTTP1

/// Maps a request to the provider endpoint it imitates and turns it into a reply and a record.
///
/// ```swift
/// let (reply, record) = ProviderRouter.answer(request, services: services)
/// ```
///
/// Records are made for provider endpoints only; the OAuth token endpoint and unknown paths are
/// answered without one.
enum ProviderRouter {
    static func endpoint(for request: SinkHTTPRequest) -> (any ProviderEndpoint)? {
        guard request.method == .POST else { return nil }
        let segments = request.segments
        switch segments.count {
        case 3 where segments[0] == "v3" && segments[1] == "mail" && segments[2] == "send":
            return SendGridEndpoint()
        case 4 where segments[0] == "2010-04-01" && segments[1] == "Accounts" && segments[3] == "Messages.json":
            return TwilioEndpoint(accountSID: String(segments[2]))
        case 4 where segments[0] == "v1" && segments[1] == "projects" && segments[3] == "messages:send":
            return FCMEndpoint(project: String(segments[2]))
        case 3 where segments[0] == "3" && segments[1] == "device":
            return APNsEndpoint(deviceToken: String(segments[2]), requestedID: request.headers.first(name: "apns-id"))
        default:
            return request.headers.contains(name: "webhook-id") ? WebhookEndpoint() : nil
        }
    }

    static func answer(_ request: SinkHTTPRequest, services: SinkServices) -> (SinkReply, SinkRecord?) {
        if request.method == .POST, request.path == "/token" { return (OAuthTokenEndpoint.reply(request), nil) }
        guard let endpoint = endpoint(for: request) else {
            let message = "the sink has no endpoint for \(request.method.rawValue) \(request.path)"
            return (.json(404, #"{"error":"not_found","message":\#(JSONText.quoted(message))}"#), nil)
        }
        var record = SinkRecord(channel: endpoint.channel, provider: endpoint.provider, recipients: [])
        for header in request.headers { record.addHeader(header.name, header.value) }
        if let malformed = endpoint.read(request, into: &record) {
            record.status = malformed.status
            record.outcome = .malformed
            return (malformed, record)
        }
        record.outcome = services.injector.decide(recipients: record.recipients)
        let reply = endpoint.reply(record.outcome, record: record, sequence: services.nextSequence())
        record.status = reply.status
        return (reply, record)
    }
}
