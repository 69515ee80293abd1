import Hummingbird

/// `GET /healthz` (the process answers) and `GET /readyz` (the store answers and the dispatcher runs).
struct HealthRoutes {
    let context: ServerContext

    func add(to router: Router<BasicRequestContext>) {
        router.get("healthz") { _, _ in "ok\n" }
        router.get("readyz") { _, _ -> Response in
            let storeReady: Bool
            do {
                _ = try context.store.latestSegmentSnapshot()
                storeReady = true
            } catch {
                storeReady = false
            }
            let ready = storeReady && context.dispatcherRunning
            let body =
                "store: \(storeReady ? "ok" : "unreachable")\ndispatcher: \(context.dispatcherRunning ? "running" : "stopped")\n"
            return Response(
                status: ready ? .ok : .serviceUnavailable,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: body))
            )
        }
    }
}
