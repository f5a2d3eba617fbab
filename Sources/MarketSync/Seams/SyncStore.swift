public import Foundation

/// Everything the planner needs about one SKU for one channel, read in one query.
public struct PlanningRow: Sendable, Hashable {
    public var sku: SKU
    public var onHand: Int64
    /// Units held by open orders on every channel.
    public var reserved: Int64
    public var basePrice: Money
    /// The channel-side identifier (nil when the SKU is not listed on this channel).
    public var listing: String?
    public var acknowledgedQuantity: Int64?
    public var acknowledgedPrice: Money?
    /// What waits in the outbox (pending, not parked), if anything.
    public var pendingQuantity: Int64?
    public var pendingPrice: Money?

    public init(sku: SKU, onHand: Int64, reserved: Int64, basePrice: Money, listing: String?,
                acknowledgedQuantity: Int64? = nil, acknowledgedPrice: Money? = nil,
                pendingQuantity: Int64? = nil, pendingPrice: Money? = nil) {
        self.sku = sku
        self.onHand = onHand
        self.reserved = reserved
        self.basePrice = basePrice
        self.listing = listing
        self.acknowledgedQuantity = acknowledgedQuantity
        self.acknowledgedPrice = acknowledgedPrice
        self.pendingQuantity = pendingQuantity
        self.pendingPrice = pendingPrice
    }
}

/// What the channel last acknowledged for one SKU.
public struct AcknowledgedOffer: Sendable, Hashable {
    public var channel: ChannelID
    public var sku: SKU
    public var quantity: Int64?
    public var price: Money?
    public var quantityVersion: Int64?
    public var priceVersion: Int64?
    public var acknowledgedAt: Date
    /// The channel's listing id of the SKU in the catalog now, if any.
    public var listing: String?
    public init(channel: ChannelID, sku: SKU, quantity: Int64?, price: Money?, quantityVersion: Int64?,
                priceVersion: Int64?, acknowledgedAt: Date, listing: String? = nil) {
        self.listing = listing
        self.channel = channel
        self.sku = sku
        self.quantity = quantity
        self.price = price
        self.quantityVersion = quantityVersion
        self.priceVersion = priceVersion
        self.acknowledgedAt = acknowledgedAt
    }
}

/// How an import changed the catalog.
public struct ImportCounts: Sendable, Hashable, Codable {
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }
}

/// How storing a page of orders changed the store.
public struct OrderStoreCounts: Sendable, Hashable, Codable {
    public var new: Int
    public var updated: Int
    public var unchanged: Int
    /// Lines stored without a product: neither the SKU nor the channel's listing id matched the catalog. Each one
    /// is an open incident until a later import links it.
    public var unmatchedLines: Int
    public init(new: Int = 0, updated: Int = 0, unchanged: Int = 0, unmatchedLines: Int = 0) {
        self.new = new
        self.updated = updated
        self.unchanged = unchanged
        self.unmatchedLines = unmatchedLines
    }
    public static func + (lhs: OrderStoreCounts, rhs: OrderStoreCounts) -> OrderStoreCounts {
        OrderStoreCounts(new: lhs.new + rhs.new, updated: lhs.updated + rhs.updated, unchanged: lhs.unchanged + rhs.unchanged,
                         unmatchedLines: lhs.unmatchedLines + rhs.unmatchedLines)
    }
}

/// Something about an order that a person must look at.
public struct OrderIncident: Sendable, Hashable, Codable {
    public var channel: ChannelID
    public var orderID: String
    /// `unmatched_line`, ...
    public var kind: String
    public var detail: String
    public var at: Date
    public init(channel: ChannelID, orderID: String, kind: String, detail: String, at: Date) {
        self.channel = channel
        self.orderID = orderID
        self.kind = kind
        self.detail = detail
        self.at = at
    }
}

/// A status an order went through, as the channel said it and as mapped.
public struct OrderStatusChange: Sendable, Hashable, Codable {
    public var state: OrderState
    public var rawStatus: String
    public var at: Date
    public init(state: OrderState, rawStatus: String, at: Date) {
        self.state = state
        self.rawStatus = rawStatus
        self.at = at
    }
}

/// An order as the store holds it.
public struct StoredOrder: Sendable, Hashable {
    public var channel: ChannelID
    public var order: ChannelOrder
    public var history: [OrderStatusChange]
    public init(channel: ChannelID, order: ChannelOrder, history: [OrderStatusChange]) {
        self.channel = channel
        self.order = order
        self.history = history
    }
}

/// Where marketsync keeps the catalog, what each channel acknowledged, the outbox, orders, cursors and runs.
///
/// Contract: every method is one transaction; a failure leaves the store as it was. Implementations are SQLite
/// (embedded default) and PostgreSQL (several workers); both must pass the same conformance tests.
public protocol SyncStore: PlanningStore, ChannelLeaseStore, SubmissionStore {
    /// Upserts `products` in one transaction, replacing each one's lots and listings. SKUs not in the import
    /// stay as they were (the last good value stays in force).
    func applyImport(_ products: [Product], source: String, at date: Date) async throws -> ImportCounts
    /// One product, or nil.
    func product(_ sku: SKU) async throws -> Product?
    /// How many products the catalog holds.
    func productCount() async throws -> Int

    /// What a channel last acknowledged, ordered by SKU.
    func acknowledgedOffers(for channel: ChannelID) async throws -> [AcknowledgedOffer]

    /// Writes drafts to the outbox in one transaction. A draft supersedes a pending or parked entry with the
    /// same channel, key and kind; every written entry gets a version greater than any before it.
    func enqueue(_ drafts: [OutboxDraft], at date: Date) async throws -> [OutboxItem]
    /// Entries waiting to be sent to a channel, oldest first.
    func pendingOutbox(for channel: ChannelID) async throws -> [OutboxItem]
    /// Entries parked after a permanent failure (every channel when nil).
    func failedOutbox(for channel: ChannelID?) async throws -> [OutboxItem]
    /// Records that the channel accepted these entries: the acknowledged value is updated unless a newer
    /// version is already acknowledged, and each entry leaves the outbox unless a newer one superseded it. An
    /// older version acknowledged after a newer one with another value means two sends raced and the channel may
    /// hold the older value: the acknowledged value is then forgotten, so the next plan sends the current one.
    func acknowledge(_ items: [OutboxItem], at date: Date) async throws
    /// Records a failed attempt. A permanent failure parks the entry (status `failed`) with the reason.
    func recordFailure(_ item: OutboxItem, reason: String, permanent: Bool, at date: Date) async throws
    /// Puts parked entries back in the queue; returns how many.
    func requeueFailed(for channel: ChannelID?) async throws -> Int

    /// Where the next order pull of a channel starts (nil before the first).
    func orderCursor(for channel: ChannelID) async throws -> Date?
    /// Stores a window's orders and moves the cursor to `cursor`, in one transaction. Orders are keyed by
    /// channel and id; one that is not newer than the stored copy changes nothing; a status change is appended to
    /// the order's history. The cursor never moves backwards.
    func storeOrders(_ orders: [ChannelOrder], channel: ChannelID, cursor: Date, at date: Date) async throws -> OrderStoreCounts
    /// One stored order, or nil.
    func order(_ id: String, channel: ChannelID) async throws -> StoredOrder?
    /// Every stored order of a channel, ordered by id.
    func orders(for channel: ChannelID) async throws -> [StoredOrder]

    /// Open incidents of a channel (every channel when nil), oldest first.
    func openIncidents(for channel: ChannelID?) async throws -> [OrderIncident]
    /// What waits for a person on `channel`: held prices, parked items, open incidents.
    func waitingWork(for channel: ChannelID) async throws -> WaitingWork

    /// Starts recording a run; returns its id.
    func beginRun(mode: String, at date: Date) async throws -> Int64
    /// Ends a run with its summary (JSON).
    func finishRun(_ id: Int64, summaryJSON: String, exitCode: Int, at date: Date) async throws
}
