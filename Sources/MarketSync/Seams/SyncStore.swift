public import Foundation

/// One SKU as one channel sees it, read in one query: a per-channel view for diagnostics and tests (the planner
/// reads `PlanningInput`, every channel at once).
public struct PlanningRow: Sendable, Hashable {
    /// The merchant's SKU; rows come ordered by it.
    public var sku: SKU
    /// Units on hand: the sum of the SKU's lots in every warehouse, before any rule.
    public var onHand: Int64
    /// Units held by open orders on every channel.
    public var reserved: Int64
    /// The producer's base price from the catalog, before the channel's rate, markup and VAT.
    public var basePrice: Money
    /// The channel-side identifier (nil when the SKU is not listed on this channel).
    public var listing: String?
    /// The stock the channel last acknowledged; nil when it never did, or when two sends raced and what it
    /// holds is unknown.
    public var acknowledgedQuantity: Int64?
    /// The price the channel last acknowledged, in its currency; nil as for `acknowledgedQuantity`.
    public var acknowledgedPrice: Money?
    /// What waits in the outbox (pending, not parked), if anything.
    public var pendingQuantity: Int64?
    /// The price waiting in the outbox (pending, not parked), if any.
    public var pendingPrice: Money?

    /// A row; the acknowledged and pending values default to nil (nothing acknowledged, nothing queued).
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
    /// The channel that acknowledged the values.
    public var channel: ChannelID
    /// The merchant's SKU.
    public var sku: SKU
    /// The stock the channel holds; nil when none was acknowledged, or when it was forgotten because two
    /// sends raced (the next plan sends the current value).
    public var quantity: Int64?
    /// The price the channel holds, in its currency; nil as for `quantity`.
    public var price: Money?
    /// The outbox version that carried the last applied stock acknowledgement: one of a lower version never
    /// overwrites it.
    public var quantityVersion: Int64?
    /// The outbox version that carried the last applied price acknowledgement, compared the same way.
    public var priceVersion: Int64?
    /// When the last applied acknowledgement (stock or price) was recorded.
    public var acknowledgedAt: Date
    /// The channel's listing id of the SKU in the catalog now, if any.
    public var listing: String?
    /// An acknowledged offer as the store reads it; `listing` defaults to nil.
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
    /// Products the catalog did not hold before.
    public var inserted: Int
    /// Products the catalog held that differed in a field, a lot or a listing.
    public var updated: Int
    /// Products equal to the stored ones in every field, lot and listing.
    public var unchanged: Int
    /// Counts, each 0 unless given.
    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }
}

/// How storing a window of orders (every page of it, at once) changed the store.
public struct OrderStoreCounts: Sendable, Hashable, Codable {
    /// Orders stored for the first time.
    public var new: Int
    /// Stored orders replaced by a later copy, or by one as recent whose content differs.
    public var updated: Int
    /// Orders whose stored copy is as recent and the same, or more recent: nothing but the time they were
    /// last seen changes.
    public var unchanged: Int
    /// Lines stored without a product: neither the SKU nor the channel's listing id matched the catalog. Each one
    /// is an open incident until a later import links it.
    public var unmatchedLines: Int
    /// Copies held back because they would move the order (or a line) where `OrderTransitions` does not allow:
    /// the stored order stays as it was, and each such move is a new `illegal_transition` incident. A copy whose
    /// incident is already open is not counted again.
    public var illegalTransitions: Int
    /// Counts, each 0 unless given.
    public init(new: Int = 0, updated: Int = 0, unchanged: Int = 0, unmatchedLines: Int = 0, illegalTransitions: Int = 0) {
        self.new = new
        self.updated = updated
        self.unchanged = unchanged
        self.unmatchedLines = unmatchedLines
        self.illegalTransitions = illegalTransitions
    }
    /// Field by field sum (one window's counts added to another's).
    public static func + (lhs: OrderStoreCounts, rhs: OrderStoreCounts) -> OrderStoreCounts {
        OrderStoreCounts(new: lhs.new + rhs.new, updated: lhs.updated + rhs.updated, unchanged: lhs.unchanged + rhs.unchanged,
                         unmatchedLines: lhs.unmatchedLines + rhs.unmatchedLines,
                         illegalTransitions: lhs.illegalTransitions + rhs.illegalTransitions)
    }
}

/// Something about an order that a person must look at.
public struct OrderIncident: Sendable, Hashable, Codable {
    /// The channel the order is on.
    public var channel: ChannelID
    /// The channel's id of the order.
    public var orderID: String
    /// `unmatched_line` (a line that matches no product) or `illegal_transition` (a pulled copy that would move
    /// the order or a line where `OrderTransitions` does not allow; it was not applied).
    public var kind: String
    /// What exactly, for people (`line 2: SKU … and listing … match no product in the catalog`).
    public var detail: String
    /// When the store recorded it (the `at` of the `storeOrders` call that found it).
    public var at: Date
    /// An incident as the store records it.
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
    /// The common state the raw status mapped to.
    public var state: OrderState
    /// The channel's own status, as it said it.
    public var rawStatus: String
    /// The order's `updatedAt` on the channel in the copy that brought this status, not when it was stored.
    public var at: Date
    /// A status change as the store records it.
    public init(state: OrderState, rawStatus: String, at: Date) {
        self.state = state
        self.rawStatus = rawStatus
        self.at = at
    }
}

/// An order as the store holds it.
public struct StoredOrder: Sendable, Hashable {
    /// The channel the order is on.
    public var channel: ChannelID
    /// The latest copy: lines linked to the catalog (with their channel ids, states and raw statuses), when the
    /// buyer placed it, and the tracking number a shipment acknowledgement recorded when the channel reported none.
    public var order: ChannelOrder
    /// Every status the order went through, oldest first, its first one included.
    public var history: [OrderStatusChange]
    /// The answer the engine queued for the order (`acceptance` or `acknowledgement`), if any: an order is
    /// answered once.
    public var answerKind: OutboxKind?
    /// When that answer was queued.
    public var answeredAt: Date?
    /// The seller's decision on each line of an acceptance, by the channel's line id: true accepted, false
    /// refused. A refused line reserves nothing from the moment the decision is queued.
    public var lineDecisions: [String: Bool]
    /// An order as the store gives it back; unanswered unless given.
    public init(channel: ChannelID, order: ChannelOrder, history: [OrderStatusChange], answerKind: OutboxKind? = nil,
                answeredAt: Date? = nil, lineDecisions: [String: Bool] = [:]) {
        self.channel = channel
        self.order = order
        self.history = history
        self.answerKind = answerKind
        self.answeredAt = answeredAt
        self.lineDecisions = lineDecisions
    }
}

/// Where marketsync keeps the catalog, what each channel acknowledged, the outbox, orders, cursors and runs: every
/// role the engine needs, in one store.
///
/// Each role is its own small protocol with its own contract; a caller that needs one role (an inspection command
/// reading incidents, a test of the outbox) asks for that role alone.
///
/// Contract: every method is one transaction; a failure leaves the store as it was. `SQLiteStore` (embedded) and
/// `PostgresStore` (several workers) implement it; `StoreConformance` in MarketSyncTesting holds both to it.
public protocol SyncStore: CatalogStore, OutboxStore, OrderStore, OrderAnswerStore, DeepRescanStore, IncidentStore, RunStore,
    PlanningStore, ChannelLeaseStore, SubmissionStore, ChannelEventStore {}
