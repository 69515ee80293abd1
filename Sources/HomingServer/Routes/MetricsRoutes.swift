import Hummingbird

/// `GET /metrics`: the Prometheus text exposition of ``ServerMetrics``, with the outbox depth read
/// from the store at scrape time; 503 with `Retry-After` when the store cannot be read.
struct MetricsRoutes {
    let metrics: ServerMetrics

    func add(to router: Router<BasicRequestContext>) {
        router.get("metrics") { _, route -> Response in
            let text: String
            do {
                text = try metrics.exposition()
            } catch {
                return StoreUnavailable.response(for: "GET /metrics", error: error, logger: route.logger)
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: text))
            )
        }
    }
}
