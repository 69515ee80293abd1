import Hummingbird

/// `GET /metrics`: the Prometheus text exposition of ``ServerMetrics``, with the outbox depth read
/// from the store at scrape time.
struct MetricsRoutes {
    let metrics: ServerMetrics

    func add(to router: Router<BasicRequestContext>) {
        router.get("metrics") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: try metrics.exposition()))
            )
        }
    }
}
