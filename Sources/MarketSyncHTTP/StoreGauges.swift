public import CoreMetrics
public import MarketSync

/// What the store holds now, for the gauges `/metrics` refreshes on every scrape.
public struct StoreGaugeValues: Sendable, Hashable {
    /// Items waiting in the outbox, by channel.
    public var outboxPending: [ChannelID: Int] = [:]
    /// Batches submitted and not yet answered, by channel.
    public var submissionsWaiting: [ChannelID: Int] = [:]
    /// What waits for a person, by channel.
    public var waiting: [ChannelID: WaitingWork] = [:]
    /// Stored orders by channel and state.
    public var orders: [OrderStateCount]

    /// Values with these order counts and nothing else yet.
    public init(orders: [OrderStateCount]) {
        self.orders = orders
    }
}

/// Records the store-derived gauges through swift-metrics (docs/operations.md, "Metrics").
public struct StoreGauges: Sendable {
    /// Where the gauges go (the endpoint's Prometheus factory).
    public let factory: any MetricsFactory
    /// The configured channels: each gets every gauge, zero included, so a queue that empties reads 0, not stale.
    public let channels: [ChannelID]

    /// Gauge names, `marketsync_*`.
    public enum Name {
        /// Items waiting in the outbox, by channel.
        public static let outboxPending = "marketsync_outbox_pending"
        /// Submitted batches (feeds) waiting for the channel's answer, by channel.
        public static let submissionsWaiting = "marketsync_submissions_waiting"
        /// Stored orders, by channel and state.
        public static let orders = "marketsync_orders"
        /// What waits for a person, by channel and kind (`held_prices`, `parked_items`, `incidents`).
        public static let waitingWork = "marketsync_waiting_work"
        /// 1 when the last scrape could read the store, else 0.
        public static let storeUp = "marketsync_store_up"
    }

    /// Gauges for these channels through `factory`.
    public init(factory: any MetricsFactory, channels: [ChannelID]) {
        self.factory = factory
        self.channels = channels
    }

    /// Sets every gauge from `values` and `marketsync_store_up` to 1.
    public func record(_ values: StoreGaugeValues) {
        for channel in channels {
            gauge(Name.outboxPending, [("channel", channel.rawValue)]).record(values.outboxPending[channel] ?? 0)
            gauge(Name.submissionsWaiting, [("channel", channel.rawValue)]).record(values.submissionsWaiting[channel] ?? 0)
            let waiting = values.waiting[channel] ?? WaitingWork()
            for (kind, count) in [("held_prices", waiting.heldPrices), ("parked_items", waiting.parkedItems), ("incidents", waiting.incidents)] {
                gauge(Name.waitingWork, [("channel", channel.rawValue), ("kind", kind)]).record(count)
            }
        }
        var orders: [String: [String: Int]] = [:]
        for channel in channels { orders[channel.rawValue] = Dictionary(uniqueKeysWithValues: OrderState.allCases.map { ($0.rawValue, 0) }) }
        for count in values.orders { orders[count.channel.rawValue, default: [:]][count.state, default: 0] += count.count }
        for (channel, states) in orders {
            for (state, count) in states { gauge(Name.orders, [("channel", channel), ("state", state)]).record(count) }
        }
        gauge(Name.storeUp, []).record(1)
    }

    /// Sets `marketsync_store_up` to 0 (the other gauges keep their last values).
    public func recordStoreDown() {
        gauge(Name.storeUp, []).record(0)
    }

    private func gauge(_ name: String, _ dimensions: [(String, String)]) -> Gauge {
        Gauge(label: name, dimensions: dimensions, factory: factory)
    }
}
