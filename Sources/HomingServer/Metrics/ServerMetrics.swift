import HomingCore
import HomingEngine
import HomingStore
import Metrics
import Synchronization

import class Prometheus.PrometheusCollectorRegistry
import struct Prometheus.PrometheusMetricsFactory

/// The metrics of one `homing serve`, in a Prometheus registry of its own, exposed by `GET /metrics`.
///
/// ```swift
/// let metrics = ServerMetrics(store: store)
/// var configuration = DispatcherConfiguration()
/// configuration.observer = metrics                         // deliveries and dispatch latency
/// let context = ServerContext(store: store, linkSecret: secret, defaultLocale: en, webhookObserver: metrics)
/// let app = HomingHTTPServer.application(context: context, host: host, port: port, metrics: metrics)
/// ```
///
/// Metrics are swift-metrics types made by a `PrometheusMetricsFactory` over this instance's own
/// registry rather than through the process-global `MetricsSystem`, so several servers in one
/// process (tests) never share counts. Series:
///
/// | name | labels |
/// |---|---|
/// | `homing_webhooks_received_total` | `source` |
/// | `homing_webhooks_rejected_total` | `source`, `reason` |
/// | `homing_webhooks_duplicate_total` | `source` |
/// | `homing_deliveries_total` | `state` (sent, retry, deferred, dead, skipped, suppressed), `channel` |
/// | `homing_dispatch_latency_seconds` (histogram) | `channel` |
/// | `homing_outbox_depth` (gauge, read from the store on each scrape) | `state` |
///
/// Every request counts as received; rejected and duplicate ones count again under their own name.
public final class ServerMetrics: Sendable {
    private let store: any JourneyStore
    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let depth: [OutboxState: Gauge]
    /// Made on first use and kept, so an event costs a dictionary look-up rather than a registry
    /// look-up; label sets are few (sources, reasons, states × channels). The dispatch series are
    /// locked once per committed batch, not once per message.
    private let webhookCounters = Mutex<[WebhookKey: Counter]>([:])
    private let dispatchSeries = Mutex<DispatchSeries>(DispatchSeries())

    public init(store: any JourneyStore) {
        self.store = store
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[Self.latency] = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
            .seconds(30),
        ]
        self.factory = factory
        depth = Dictionary(
            uniqueKeysWithValues: OutboxState.allCases.map { state in
                (state, Gauge(label: "homing_outbox_depth", dimensions: [("state", state.rawValue)], factory: factory))
            }
        )
    }

    /// The Prometheus text exposition, with the outbox depth read from the store now.
    public func exposition() throws -> String {
        for (state, count) in try store.outboxDepth() {
            depth[state]?.record(count)
        }
        return registry.emitToString()
    }

    static let latency = "homing_dispatch_latency_seconds"

    private struct WebhookKey: Hashable {
        var name: String
        var source: String
        var reason: String?
    }

    private struct DeliveryKey: Hashable {
        var state: DispatchOutcome.State
        var channel: String
    }

    private struct DispatchSeries {
        var deliveries: [DeliveryKey: Counter] = [:]
        var latencies: [String: Metrics.Timer] = [:]
    }

    private func webhookCounter(_ name: String, source: String, reason: String? = nil) -> Counter {
        let key = WebhookKey(name: name, source: source, reason: reason)
        return webhookCounters.withLock { counters in
            counters.value(for: key) {
                var dimensions = [("source", source)]
                if let reason { dimensions.append(("reason", reason)) }
                return Counter(label: name, dimensions: dimensions, factory: factory)
            }
        }
    }
}

extension ServerMetrics: WebhookObserver {
    public func webhook(source: String, outcome: WebhookOutcome) {
        webhookCounter("homing_webhooks_received_total", source: source).increment()
        switch outcome {
        case .accepted:
            break
        case .duplicate:
            webhookCounter("homing_webhooks_duplicate_total", source: source).increment()
        case .rejected(let reason):
            webhookCounter("homing_webhooks_rejected_total", source: source, reason: reason).increment()
        }
    }
}

extension ServerMetrics: DispatchObserver {
    public func committed(_ outcomes: [DispatchOutcome]) {
        dispatchSeries.withLock { series in
            for outcome in outcomes {
                let key = DeliveryKey(state: outcome.state, channel: outcome.channel)
                series.deliveries.value(for: key) {
                    Counter(
                        label: "homing_deliveries_total",
                        dimensions: [("state", outcome.state.rawValue), ("channel", outcome.channel)],
                        factory: factory
                    )
                }.increment()
                guard let latency = outcome.latency else { continue }
                let timer = series.latencies.value(for: outcome.channel) {
                    Metrics.Timer(label: Self.latency, dimensions: [("channel", outcome.channel)], factory: factory)
                }
                let (seconds, attoseconds) = latency.components
                timer.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
            }
        }
    }
}

extension Dictionary {
    /// The value for `key`, made and kept on first use.
    fileprivate mutating func value(for key: Key, orMake make: () -> Value) -> Value {
        if let value = self[key] { return value }
        let value = make()
        self[key] = value
        return value
    }
}
