import HomingCore
import Hummingbird
import Logging

/// Gives every request an id and logs one access line for it.
///
/// ```swift
/// router.add(middleware: RequestLogMiddleware())     // before any route
/// // info homing : duration_ms=0.4 hb.request.id=5f0c… method=POST path=/u/{token} status=200 [HomingServer] request
/// ```
///
/// The id is the caller's `X-Request-Id` when it is sane (1–128 characters of letters, digits and
/// `-_.:+=/`), so a proxy's id follows the request through; otherwise Hummingbird's own. It is
/// echoed in the `X-Request-Id` response header, on errors too, and set as the `hb.request.id`
/// metadata of `context.logger`, so every line a route logs carries it.
///
/// The access line is logged at info with the method, the path without its query (unsubscribe
/// tokens elided as `/u/{token}`: they open a customer's preferences), the status and the duration;
/// successful probes and scrapes (`/healthz`, `/readyz`, `/metrics`) at debug, so a probe every few
/// seconds does not bury the webhooks and unsubscribes.
/// Routes that log a customer's address mask it with `LogMask.address`.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    static var header: HTTPFields.Element.Name { .requestID }

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let started = ContinuousClock.now
        var context = context
        // Not `context.id`: it traps when the logger's handler keeps no metadata (a no-op logger).
        // Hummingbird has set its own id already; the logger is only changed to keep the caller's.
        let id: String
        if let given = request.headers.value(Self.header), Self.isSane(given) {
            id = given
            context.logger[metadataKey: "hb.request.id"] = .string(id)
        } else if let own = context.logger[metadataKey: "hb.request.id"] {
            id = own.description
        } else {
            id = RequestID().description
            context.logger[metadataKey: "hb.request.id"] = .string(id)
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let rejection as WebhookRejection {
            response = rejection.response
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            // What Hummingbird answers for an error it does not know, with the id attached.
            // The description may quote a customer's address (a store error naming a row).
            context.logger.error("request failed: \(LogMask.redacting("\(error)"))")
            response = Response(status: .internalServerError)
        }
        response.headers[Self.header] = id
        let elapsed = ContinuousClock.now - started
        context.logger.log(
            level: Self.isRoutine(request, response) ? .debug : .info,
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(Self.loggedPath(request.uri.path)),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .string(Self.milliseconds(elapsed)),
            ]
        )
        return response
    }

    static func isRoutine(_ request: Request, _ response: Response) -> Bool {
        request.method == .get && response.status.code < 300
            && ["/healthz", "/readyz", "/metrics"].contains(request.uri.path)
    }

    static func isSane(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    true
                default: "-_.:+=/".utf8.contains(byte)
                }
            }
    }

    /// The path as logged: secrets in it elided, and capped so a hostile URL cannot flood the log.
    static func loggedPath(_ path: String) -> String {
        if path.hasPrefix("/u/") { return "/u/{token}" }
        return path.utf8.count > 200 ? String(path.prefix(200)) + "…" : path
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let tenths = seconds * 10_000 + attoseconds / 100_000_000_000_000
        return "\(tenths / 10).\(tenths % 10)"
    }
}

extension HTTPFields.Element.Name {
    /// Built once: a name is checked and lowercased when made, and the header is read on every request.
    static let requestID = HTTPFields.Element.Name("X-Request-Id")!
}
