/// Everything the Walmart sandbox holds: tokens issued, stock and prices, feeds, orders, armed faults and feed
/// outcomes, its limits and request counts, webhook subscriptions and the deliveries made to them. It is what `GET /_sandbox/state` answers and what the state file stores.
struct WalmartSandboxState: Sendable, Hashable, Codable {
    /// Tokens issued, with when each runs out (epoch milliseconds of the sandbox's clock).
    var tokens: [String: Int64] = [:]
    /// Tokens issued so far (numbers the next one).
    var tokensIssued = 0
    /// Units on offer by SKU (the default ship node).
    var inventory: [String: Int64] = [:]
    /// Base prices by SKU.
    var prices: [String: PriceEntry] = [:]
    /// Every value each SKU was set to, oldest first (single calls and processed feeds).
    var stockHistory: [String: [Int64]] = [:]
    /// Every price each SKU was set to, in hundredths, oldest first.
    var priceHistory: [String: [Int64]] = [:]
    /// Feeds by `feedId`.
    var feeds: [String: WalmartSandboxFeed] = [:]
    /// Feeds submitted so far (numbers the next one).
    var feedsSubmitted = 0
    /// Orders by `purchaseOrderId`.
    var orders: [String: WalmartSandboxOrder] = [:]
    /// Faults still armed, in the order they were added.
    var faults: [WalmartSandboxFault] = []
    /// Per-SKU outcomes armed for the next feeds that carry the SKU.
    var feedOutcomes: [WalmartSandboxFeedOutcome] = []
    /// Feeds still to end in `ERROR` (the next ones submitted).
    var failingFeeds = 0
    /// How feeds move along and what the sandbox takes.
    var limits = Limits()
    /// Calls received, by the document's `operationId` (refused ones included).
    var requestCounts: [String: Int] = [:]
    /// Calls answered 429 by the sandbox's rate limit or its feed limit (armed throttle faults not included).
    var throttled = 0
    /// Webhook subscriptions by `subscriptionId`.
    var subscriptions: [String: WalmartSandboxSubscription] = [:]
    /// Subscriptions created so far (numbers the next one).
    var subscriptionsCreated = 0
    /// Webhook events made so far (numbers the next `eventId`).
    var webhookEvents = 0
    /// Every webhook delivery attempt, oldest first.
    var webhookDeliveries: [WalmartSandboxDelivery] = []
    /// Whether each delivered event is sent a second time (to test that the receiver keeps it once).
    var deliverTwice = false

    /// An empty world.
    init() {}

    /// A base price.
    struct PriceEntry: Sendable, Hashable, Codable {
        /// `USD` or `CAD`.
        var currency: String
        /// Hundredths of the currency.
        var amount: Int64
    }

    /// The sandbox's limits and timing.
    struct Limits: Sendable, Hashable, Codable {
        /// Seconds a feed stays `RECEIVED`.
        var receivedSeconds: Int64 = 10
        /// Seconds after submission a feed is `PROCESSED` (or `ERROR`); `INPROGRESS` in between.
        var processingSeconds: Int64 = 30
        /// The largest feed file taken (Walmart: 5 MB for inventory; its own sandbox: 2 KB); larger answers 413.
        var maxFeedBytes = 5_000_000
        /// Feeds a rolling hour takes (nil: no limit; Walmart: 10 an hour for inventory); more answer 429.
        var feedsPerHour: Int?

        enum CodingKeys: String, CodingKey {
            case receivedSeconds = "received_seconds", processingSeconds = "processing_seconds", maxFeedBytes = "max_feed_bytes"
            case feedsPerHour = "feeds_per_hour"
        }
    }

    enum CodingKeys: String, CodingKey {
        case tokens, tokensIssued = "tokens_issued", inventory, prices, stockHistory = "stock_history", priceHistory = "price_history"
        case feeds, feedsSubmitted = "feeds_submitted", orders, faults, feedOutcomes = "feed_outcomes", failingFeeds = "failing_feeds"
        case limits, requestCounts = "request_counts", throttled
        case subscriptions, subscriptionsCreated = "subscriptions_created", webhookEvents = "webhook_events"
        case webhookDeliveries = "webhook_deliveries", deliverTwice = "deliver_twice"
    }

    /// Decodes leniently: a state file that lacks a section starts that section empty.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tokens = try container.decodeIfPresent([String: Int64].self, forKey: .tokens) ?? [:]
        tokensIssued = try container.decodeIfPresent(Int.self, forKey: .tokensIssued) ?? 0
        inventory = try container.decodeIfPresent([String: Int64].self, forKey: .inventory) ?? [:]
        prices = try container.decodeIfPresent([String: PriceEntry].self, forKey: .prices) ?? [:]
        stockHistory = try container.decodeIfPresent([String: [Int64]].self, forKey: .stockHistory) ?? [:]
        priceHistory = try container.decodeIfPresent([String: [Int64]].self, forKey: .priceHistory) ?? [:]
        feeds = try container.decodeIfPresent([String: WalmartSandboxFeed].self, forKey: .feeds) ?? [:]
        feedsSubmitted = try container.decodeIfPresent(Int.self, forKey: .feedsSubmitted) ?? 0
        orders = try container.decodeIfPresent([String: WalmartSandboxOrder].self, forKey: .orders) ?? [:]
        faults = try container.decodeIfPresent([WalmartSandboxFault].self, forKey: .faults) ?? []
        feedOutcomes = try container.decodeIfPresent([WalmartSandboxFeedOutcome].self, forKey: .feedOutcomes) ?? []
        failingFeeds = try container.decodeIfPresent(Int.self, forKey: .failingFeeds) ?? 0
        limits = try container.decodeIfPresent(Limits.self, forKey: .limits) ?? Limits()
        requestCounts = try container.decodeIfPresent([String: Int].self, forKey: .requestCounts) ?? [:]
        throttled = try container.decodeIfPresent(Int.self, forKey: .throttled) ?? 0
        subscriptions = try container.decodeIfPresent([String: WalmartSandboxSubscription].self, forKey: .subscriptions) ?? [:]
        subscriptionsCreated = try container.decodeIfPresent(Int.self, forKey: .subscriptionsCreated) ?? 0
        webhookEvents = try container.decodeIfPresent(Int.self, forKey: .webhookEvents) ?? 0
        webhookDeliveries = try container.decodeIfPresent([WalmartSandboxDelivery].self, forKey: .webhookDeliveries) ?? []
        deliverTwice = try container.decodeIfPresent(Bool.self, forKey: .deliverTwice) ?? false
    }
}
