import HomingCore
import HomingStore
import Hummingbird
import NIOCore

/// `POST /webhooks/providers/sendgrid` (SendGrid's signed Event Webhook) and
/// `POST /webhooks/providers/twilio` (Twilio status callbacks and inbound messages).
///
/// Each request is read once (415 on another content type, 413 over the limit), verified (401
/// when unsigned, badly signed, or when no key is configured), parsed whole (400 naming the
/// field) and applied in one store transaction before the 200; a failing store answers 503 so
/// the provider retries. A report about a message we do not know is accepted and ignored. SendGrid gets
/// `{"events":N,"matched":M,"suppressed":S,"consent_withdrawn":C}`, Twilio an empty TwiML `<Response/>`.
struct ProviderCallbackRoutes {
    let context: ServerContext

    static let sendGridPath = "/webhooks/providers/sendgrid"
    static let twilioPath = "/webhooks/providers/twilio"
    static let sendGridSignature = HTTPFields.Element.Name(SendGridEventSignature.signatureHeader)!
    static let sendGridTimestamp = HTTPFields.Element.Name(SendGridEventSignature.timestampHeader)!
    static let twilioSignature = HTTPFields.Element.Name(TwilioSignature.header)!

    func add(to router: Router<BasicRequestContext>) {
        router.post(RouterPath(Self.sendGridPath)) { request, route in
            await respond(source: "sendgrid", route) { try await sendGrid(request) }
        }
        router.post(RouterPath(Self.twilioPath)) { request, route in
            await respond(source: "twilio", route) { try await twilio(request, route) }
        }
    }

    private func sendGrid(_ request: Request) async throws -> Response {
        let body = try await InboundBody.read(request, accepting: ["application/json"], limit: context.bodyLimit)
        let verifier = try context.providerCallbacks.sendGrid.get()
        guard
            verifier.isValid(
                signature: request.headers[Self.sendGridSignature],
                timestamp: request.headers[Self.sendGridTimestamp],
                body: body
            )
        else {
            throw WebhookRejection.unauthorized(
                "\(SendGridEventSignature.signatureHeader) is missing or does not verify with "
                    + "\(ProviderCallbackKeys.sendGridKeyVariable) over the timestamp and the raw body"
            )
        }
        let now = Instant.now
        let reports = try SendGridEvents.reports(from: body, now: now)
        let summary = try store().applyDeliveryReports(reports, now: now)
        let text =
            #"{"consent_withdrawn":\#(summary.consentWithdrawn),"events":\#(reports.count),"#
            + #""matched":\#(summary.matched),"suppressed":\#(summary.suppressed)}"#
        return Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    private func twilio(_ request: Request, _ route: BasicRequestContext) async throws -> Response {
        let body = try await InboundBody.read(
            request,
            accepting: ["application/x-www-form-urlencoded"],
            limit: context.bodyLimit
        )
        let verifier = try context.providerCallbacks.twilio.get()
        let header = request.headers[Self.twilioSignature]
        guard header != nil else {
            throw WebhookRejection.unauthorized("\(TwilioSignature.header) is missing; Twilio signs every request")
        }
        let form = try FormFields(bytes: body)
        // The URL Twilio signed, as configured there; behind a proxy the Host header is not it.
        let url = context.providerCallbacks.publicURL + request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        guard verifier.isValid(header: header, url: url, parameters: form.pairs) else {
            throw WebhookRejection.unauthorized(
                "\(TwilioSignature.header) does not match \(url) and the posted fields under the auth token; "
                    + "the URL configured at Twilio must be shop.public_url + \(request.uri.path)"
            )
        }
        if let phone = TwilioCallback.optInSender(form) {
            let change = try store().applySMSOptIn(phone: phone)
            // The consent change's record: who asked, through what, and what it changed.
            let masked = LogMask.address(phone)
            route.logger.info(
                "twilio opt-in reply from \(masked): SMS consent granted to \(change.consentGranted) customer(s)",
                metadata: ["suppressions_lifted": "\(change.lifted)", "consent_source": "twilio opt-in reply"]
            )
            return Self.emptyTwiML
        }
        let now = Instant.now
        _ = try store().applyDeliveryReports(try TwilioCallback.reports(from: form, now: now), now: now)
        return Self.emptyTwiML
    }

    private static var emptyTwiML: Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/xml"],
            body: .init(byteBuffer: ByteBuffer(string: #"<?xml version="1.0" encoding="UTF-8"?><Response/>"#))
        )
    }

    private func store() throws -> any DeliveryReportStore {
        guard let store = context.deliveryReports else { throw ProviderCallbackError.noDeliveryReportStore }
        return store
    }

    /// Tells the observer once, and answers a client's mistake with its rejection, never a 500.
    private func respond(
        source: String,
        _ route: BasicRequestContext,
        _ handle: () async throws -> Response
    ) async -> Response {
        do {
            let response = try await handle()
            context.webhookObserver.webhook(source: source, outcome: .accepted)
            return response
        } catch let rejection as WebhookRejection {
            context.webhookObserver.webhook(source: source, outcome: .rejected(reason: rejection.reason))
            return rejection.response
        } catch {
            // The store failed, not the provider: 503 makes it deliver again later.
            StoreUnavailable.log("\(source) callback", error: error, logger: route.logger)
            context.webhookObserver.webhook(source: source, outcome: .rejected(reason: "unavailable"))
            return WebhookRejection.unavailable(
                "the callback was not stored (\(StoreUnavailable.summary(error))); deliver it again later"
            ).response
        }
    }
}

/// Why a callback could not be applied for the server's own reason.
enum ProviderCallbackError: Error {
    case noDeliveryReportStore
}
