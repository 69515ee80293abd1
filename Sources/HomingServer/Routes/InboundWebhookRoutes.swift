import HomingCore
import HomingEngine
import Hummingbird
import NIOCore

/// `POST /webhooks/shopify/orders` and `POST /webhooks/events`: verify, parse, then apply the
/// event durably before answering.
///
/// Every answer is decided here: 200 `{"ok":true,…}` once the event and what it planned are
/// committed, 200 `{"duplicate":true}` for a redelivery, and the client-error table of
/// ``WebhookRejection`` (401, 400, 413, 415) for the sender's mistakes. Only a failing store
/// answers 503, so the sender retries later.
struct InboundWebhookRoutes {
    let context: ServerContext
    let intake: WebhookIntake
    /// Kept for the routes' life: `intake.rates` cannot change under them.
    let parsers: RowParsers

    init(context: ServerContext, intake: WebhookIntake) {
        self.context = context
        self.intake = intake
        parsers = RowParsers(rates: intake.rates)
    }

    func add(to router: Router<BasicRequestContext>) {
        router.post("webhooks/shopify/orders") { request, route in
            await answer(source: "shopify", route) { try await shopifyOrder(request) }
        }
        router.post("webhooks/events") { request, route in
            await answer(source: "events", route) { try await signedEvent(request) }
        }
    }

    private func shopifyOrder(_ request: Request) async throws -> InboundResult {
        let body = try await InboundBody.read(request, accepting: ["application/json"], limit: context.bodyLimit)
        guard intake.shopify.isConfigured else {
            throw WebhookRejection.unauthorized("no Shopify secret on this server: set HOMING_SHOPIFY_SECRET")
        }
        guard intake.shopify.isValid(header: request.headers.value(Self.shopifyHMAC), body: body) else {
            throw WebhookRejection.unauthorized(
                "X-Shopify-Hmac-Sha256 does not match the body under the configured secret (HOMING_SHOPIFY_SECRET)"
            )
        }
        guard let id = request.headers.value(Self.shopifyEventID) ?? request.headers.value(Self.shopifyWebhookID),
            !id.isEmpty
        else {
            throw WebhookRejection.badRequest(field: "X-Shopify-Event-Id", "missing header X-Shopify-Event-Id")
        }
        let topic = request.headers.value(Self.shopifyTopic) ?? ""
        guard topic.hasPrefix("orders/") else {
            throw WebhookRejection.badRequest(
                field: "X-Shopify-Topic",
                "topic \"\(topic)\" is not an order topic; subscribe this URL to orders/create and orders/paid",
                reason: "unknown_type"
            )
        }
        let event = try ShopifyOrder.read(body).event(id: id, topic: topic, parsers: parsers)
        return try await intake.ingestor.apply(event)
    }

    private func signedEvent(_ request: Request) async throws -> InboundResult {
        let body = try await InboundBody.read(request, accepting: ["application/json"], limit: context.bodyLimit)
        guard let signer = intake.events else {
            throw WebhookRejection.unauthorized("no events secret on this server: set HOMING_EVENTS_SECRET")
        }
        let id = request.headers.value(Self.webhookID)
        do {
            try signer.verify(
                id: id,
                timestamp: request.headers.value(Self.webhookTimestamp),
                signatures: request.headers.value(Self.webhookSignature),
                body: body,
                now: .now
            )
        } catch {
            if case .staleTimestamp = error { throw WebhookRejection.unauthorized(error.description, reason: "stale") }
            throw WebhookRejection.unauthorized(error.description)
        }
        let event = try SignedEvent.decode(body).event(id: id ?? "", parsers: parsers, store: context.store)
        return try await intake.ingestor.apply(event)
    }

    /// Maps the outcome to the answer and tells the observer.
    private func answer(
        source: String,
        _ route: BasicRequestContext,
        _ body: () async throws -> InboundResult
    ) async -> Response {
        do {
            switch try await body() {
            case .duplicate:
                context.webhookObserver.webhook(source: source, outcome: .duplicate)
                return Self.json(.ok, #"{"duplicate":true}"#)
            case .applied(let enrolled, let planned):
                context.webhookObserver.webhook(source: source, outcome: .accepted)
                return Self.json(.ok, #"{"ok":true,"enrolled":\#(enrolled),"planned":\#(planned)}"#)
            }
        } catch let rejection as WebhookRejection {
            context.webhookObserver.webhook(source: source, outcome: .rejected(reason: rejection.reason))
            return rejection.response
        } catch let problem as InboundEventError {
            let rejection = WebhookRejection.badRequest(
                field: problem.field.map { source == "events" ? "data.\($0)" : $0 },
                problem.message
            )
            context.webhookObserver.webhook(source: source, outcome: .rejected(reason: rejection.reason))
            return rejection.response
        } catch {
            // The store failed, not the sender: 503 asks them to deliver again later.
            StoreUnavailable.log("\(source) webhook", error: error, logger: route.logger)
            context.webhookObserver.webhook(source: source, outcome: .rejected(reason: "unavailable"))
            return WebhookRejection.unavailable(
                "the event was not stored (\(StoreUnavailable.summary(error))); deliver the same request again later"
            ).response
        }
    }

    private static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    typealias FieldName = HTTPFields.Element.Name
    static let shopifyHMAC = FieldName("X-Shopify-Hmac-Sha256")!
    static let shopifyEventID = FieldName("X-Shopify-Event-Id")!
    static let shopifyWebhookID = FieldName("X-Shopify-Webhook-Id")!
    static let shopifyTopic = FieldName("X-Shopify-Topic")!
    static let webhookID = FieldName("webhook-id")!
    static let webhookTimestamp = FieldName("webhook-timestamp")!
    static let webhookSignature = FieldName("webhook-signature")!
}
