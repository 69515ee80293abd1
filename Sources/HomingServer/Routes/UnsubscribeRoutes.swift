import Crypto
import HomingCore
import HomingEngine
import Hummingbird

/// `GET /u/{token}` shows a confirmation page in the customer's language; `POST /u/{token}`
/// unsubscribes at once (RFC 8058 one-click: no redirect, no login, the body is not needed).
///
/// The token is verified before anything is read: an altered or forged one gets 400 and changes
/// nothing. Unsubscribing withdraws consent for the token's channel (or every channel for `all`);
/// the dispatcher checks consent at send time, so nothing planned reaches the customer afterwards.
struct UnsubscribeRoutes {
    let context: ServerContext

    func add(to router: Router<BasicRequestContext>) {
        router.get("u/:token") { request, route in try guarded(request, route, confirm: false) }
        router.post("u/:token") { request, route in try guarded(request, route, confirm: true) }
    }

    /// A store failure answers 503 so the recipient (or the mail client's one-click POST) tries again.
    private func guarded(_ request: Request, _ route: BasicRequestContext, confirm: Bool) throws -> Response {
        do {
            return try respond(route, confirm: confirm)
        } catch let error as HTTPError {
            throw error
        } catch {
            return StoreUnavailable.response(for: "\(request.method) /u", error: error, logger: route.logger)
        }
    }

    private func respond(_ route: BasicRequestContext, confirm: Bool) throws -> Response {
        let text = try route.parameters.require("token")
        let token: UnsubscribeToken
        do {
            token = try UnsubscribeToken.verify(text, with: SymmetricKey(data: context.linkSecret))
        } catch {
            return page(status: .badRequest, UnsubscribePage.invalid(.english))
        }
        let customer = try context.store.customer(id: token.customerID)
        let language = UnsubscribePage.Language(customer?.locale ?? context.defaultLocale)
        guard customer != nil else { return page(status: .notFound, UnsubscribePage.invalid(language)) }
        guard confirm else { return page(status: .ok, UnsubscribePage.confirm(language, scope: token.scope)) }
        let channels: Set<DeliveryChannel> =
            switch token.scope {
            case .email: [.email]
            case .sms: [.sms]
            case .push: [.push]
            case .all: [.email, .sms, .push]
            }
        _ = try context.store.withdrawConsent(customerID: token.customerID, channels: channels)
        return page(status: .ok, UnsubscribePage.done(language, scope: token.scope))
    }

    private func page(status: HTTPResponse.Status, _ html: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }
}
