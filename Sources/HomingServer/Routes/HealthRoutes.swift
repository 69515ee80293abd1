import Hummingbird

/// `GET /healthz` (the process answers) and `GET /readyz` (the store answers and the dispatcher runs).
struct HealthRoutes {
    let context: ServerContext

    func add(to router: Router<BasicRequestContext>) {
        router.get("healthz") { _, _ in "ok\n" }
        router.get("readyz") { _, route -> Response in
            let storeReady: Bool
            do {
                _ = try context.store.latestSegmentSnapshot()
                storeReady = true
            } catch {
                StoreUnavailable.log("GET /readyz", error: error, logger: route.logger)
                storeReady = false
            }
            let ready = storeReady && context.dispatcherRunning
            let body =
                "store: \(storeReady ? "ok" : "unreachable")\ndispatcher: \(context.dispatcherRunning ? "running" : "stopped")\n"
            var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"]
            if !ready { headers[.retryAfter] = StoreUnavailable.retryAfter }
            return Response(
                status: ready ? .ok : .serviceUnavailable,
                headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: body))
            )
        }
    }
}
