public import CoreMetrics
public import Foundation

/// The engine's counters, recorded through swift-metrics at its push and pull points: whatever backend the process
/// bootstrapped (the worker's Prometheus registry) or the one a test hands in. Names and labels are fixed here,
/// each name always with the same label names (docs/operations.md, "Metrics").
public struct EngineMetrics: Sendable {
    /// Where the metrics go.
    public let factory: any MetricsFactory

    /// Metrics through `factory`; by default the process's (`MetricsSystem.factory`, a no-op until bootstrapped).
    public init(factory: (any MetricsFactory)? = nil) {
        self.factory = factory ?? MetricsSystem.factory
    }

    /// Metric names, `marketsync_*`.
    public enum Name {
        /// Items the channel acknowledged, by channel and kind (`stock`, `price`, `shipment`, ...).
        public static let pushes = "marketsync_pushes_total"
        /// Items that failed (parked, or still queued after the retries ran out), by channel, kind and error code.
        public static let failures = "marketsync_push_failures_total"
        /// Calls the channel answered with rejected credentials, by channel.
        public static let credentialsRejected = "marketsync_credentials_rejected_total"
        /// How long each adapter call took (a histogram), by channel and operation.
        public static let callDuration = "marketsync_channel_request_duration_seconds"
        /// Orders stored new or changed by a pull, by channel and change (`new`, `updated`).
        public static let ordersStored = "marketsync_orders_stored_total"
        /// When the channel last finished a run without failure (Unix seconds), by channel.
        public static let lastSuccess = "marketsync_last_success_timestamp_seconds"
    }

    /// `count` items of `kind` acknowledged by `channel`.
    public func pushed(_ count: Int, kind: OutboxKind, channel: ChannelID) {
        guard count > 0 else { return }
        Counter(label: Name.pushes, dimensions: [("channel", channel.rawValue), ("kind", kind.rawValue)], factory: factory)
            .increment(by: count)
    }

    /// `count` items of `kind` that failed on `channel` with `code`.
    public func failed(_ count: Int, kind: String, code: MarketSyncError.Code, channel: ChannelID) {
        guard count > 0 else { return }
        Counter(label: Name.failures, dimensions: [("channel", channel.rawValue), ("kind", kind), ("code", code.description)],
                factory: factory).increment(by: count)
    }

    /// The channel rejected the credentials once more.
    public func credentialsRejected(channel: ChannelID) {
        Counter(label: Name.credentialsRejected, dimensions: [("channel", channel.rawValue)], factory: factory).increment()
    }

    /// One adapter call of `operation` (`push_stock`, `pull_orders`, ...) on `channel` took `duration`.
    public func call(_ operation: String, channel: ChannelID, took duration: Duration) {
        CoreMetrics.Timer(label: Name.callDuration, dimensions: [("channel", channel.rawValue), ("operation", operation)], factory: factory)
            .recordNanoseconds(duration.nanoseconds)
    }

    /// A window's orders were stored: `counts.new` new ones, `counts.updated` changed ones.
    public func ordersStored(_ counts: OrderStoreCounts, channel: ChannelID) {
        for (change, count) in [("new", counts.new), ("updated", counts.updated)] where count > 0 {
            Counter(label: Name.ordersStored, dimensions: [("channel", channel.rawValue), ("change", change)], factory: factory)
                .increment(by: count)
        }
    }

    /// `channel` finished a run without failure at `date`.
    public func succeeded(channel: ChannelID, at date: Date) {
        Gauge(label: Name.lastSuccess, dimensions: [("channel", channel.rawValue)], factory: factory)
            .record(date.timeIntervalSince1970.rounded(.down))
    }

    /// Runs `body` (one adapter call) and records how long it took in real time: the run's clock may be virtual
    /// (scenarios move it instantly), latency is not.
    func timed<T>(_ operation: String, channel: ChannelID, _ body: () async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        defer { call(operation, channel: channel, took: ContinuousClock.now - start) }
        return try await body()
    }
}

extension Duration {
    /// The whole nanoseconds of the duration (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        return whole &+ attoseconds / 1_000_000_000
    }
}
