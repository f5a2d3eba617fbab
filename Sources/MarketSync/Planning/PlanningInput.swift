/// Everything the planner reads, laid out flat so a million SKUs cost a few large arrays, not a million small
/// ones. `skus` is ordered by SKU; each SKU's lots are `lots[sku.lotStart ..< sku.lotStart + sku.lotCount]`;
/// `channels[c].states[i]` is channel c's view of `skus[i]`.
public struct PlanningInput: Sendable {
    /// One entry per SKU, ordered by SKU.
    public var skus: [SKUState]
    /// Every SKU's lots back to back, in `skus` order.
    public var lots: [LotState]
    /// Warehouse names; `LotState.warehouse` indexes into it.
    public var warehouses: [String]
    /// One entry per channel planned, each aligned with `skus`.
    public var channels: [ChannelOfferStates]

    /// An input as the store reads it (`PlanningStore.planningInput`); the planner trusts its layout.
    public init(skus: [SKUState], lots: [LotState], warehouses: [String], channels: [ChannelOfferStates]) {
        self.skus = skus
        self.lots = lots
        self.warehouses = warehouses
        self.channels = channels
    }
}

/// One SKU's catalog side.
public struct SKUState: Sendable, Hashable {
    /// The SKU; `PlanningInput.skus` is sorted by it.
    public var sku: SKU
    /// Base price in kopecks (RUB minor units).
    public var basePriceMinor: Int64
    /// Units held by open orders on every channel.
    public var reserved: Int64
    /// The index of the SKU's first lot in `PlanningInput.lots`.
    public var lotStart: Int32
    /// How many lots it has (0: none on hand).
    public var lotCount: Int32

    /// One SKU's catalog side.
    public init(sku: SKU, basePriceMinor: Int64, reserved: Int64, lotStart: Int32, lotCount: Int32) {
        self.sku = sku
        self.basePriceMinor = basePriceMinor
        self.reserved = reserved
        self.lotStart = lotStart
        self.lotCount = lotCount
    }
}

/// One stock lot: dates as days since 1970-01-01 (UTC).
public struct LotState: Sendable, Hashable {
    /// The lot's warehouse, as an index into `PlanningInput.warehouses`.
    public var warehouse: Int32
    /// Units in the lot, at least 0.
    public var quantity: Int64
    /// The expiry day; nil: the lot does not expire.
    public var expiresOnDay: Int32?
    /// The production day; nil when unknown (a share shelf-life rule then leaves the lot out).
    public var producedOnDay: Int32?

    /// A lot; no dates unless given.
    public init(warehouse: Int32, quantity: Int64, expiresOnDay: Int32? = nil, producedOnDay: Int32? = nil) {
        self.warehouse = warehouse
        self.quantity = quantity
        self.expiresOnDay = expiresOnDay
        self.producedOnDay = producedOnDay
    }
}

/// One channel's view of every SKU, aligned with `PlanningInput.skus`.
public struct ChannelOfferStates: Sendable {
    /// The channel these states are for.
    public var channel: ChannelID
    /// The channel's state of `PlanningInput.skus[i]` at index `i`.
    public var states: [OfferState]
    /// One channel's states, aligned with the input's SKUs.
    public init(channel: ChannelID, states: [OfferState]) {
        self.channel = channel
        self.states = states
    }
}

/// What a channel holds or will hold for one SKU, in minor units of the channel's currency for prices.
///
/// Stored packed (a sentinel for "none" instead of five `Int64?`, which take 16 bytes each): a million SKUs on
/// seven channels are seven million of these, so their size is most of the planner's memory and fill time.
public struct OfferState: Sendable, Hashable {
    /// nil: the SKU is not listed on this channel.
    public var listing: String?
    private var packed: (ackQuantity: Int64, ackPrice: Int64, pendingQuantity: Int64, pendingPrice: Int64, approvedPrice: Int64)

    private static let none = Int64.min

    /// A state; every value absent unless given.
    public init(listing: String?, acknowledgedQuantity: Int64? = nil, acknowledgedPriceMinor: Int64? = nil,
                pendingQuantity: Int64? = nil, pendingPriceMinor: Int64? = nil, approvedPriceMinor: Int64? = nil) {
        self.listing = listing
        packed = (acknowledgedQuantity ?? Self.none, acknowledgedPriceMinor ?? Self.none, pendingQuantity ?? Self.none,
                  pendingPriceMinor ?? Self.none, approvedPriceMinor ?? Self.none)
    }

    private static func get(_ value: Int64) -> Int64? { value == none ? nil : value }

    /// The quantity the channel last acknowledged; nil: none yet.
    public var acknowledgedQuantity: Int64? {
        get { Self.get(packed.ackQuantity) }
        set { packed.ackQuantity = newValue ?? Self.none }
    }
    /// The price the channel last acknowledged; nil: none yet. The max-change guard measures from it.
    public var acknowledgedPriceMinor: Int64? {
        get { Self.get(packed.ackPrice) }
        set { packed.ackPrice = newValue ?? Self.none }
    }
    /// A quantity queued in the outbox and not yet acknowledged (parked entries do not count). The planner
    /// compares with it before the acknowledged one, so a value already on its way is not queued again.
    public var pendingQuantity: Int64? {
        get { Self.get(packed.pendingQuantity) }
        set { packed.pendingQuantity = newValue ?? Self.none }
    }
    /// A price queued in the outbox and not yet acknowledged (parked entries do not count).
    public var pendingPriceMinor: Int64? {
        get { Self.get(packed.pendingPrice) }
        set { packed.pendingPrice = newValue ?? Self.none }
    }
    /// A price change a person approved with `marketsync approve` (allowed past the max-change guard once).
    public var approvedPriceMinor: Int64? {
        get { Self.get(packed.approvedPrice) }
        set { packed.approvedPrice = newValue ?? Self.none }
    }

    /// Equal when the listing and every value are.
    public static func == (lhs: OfferState, rhs: OfferState) -> Bool {
        lhs.listing == rhs.listing && lhs.packed == rhs.packed
    }

    /// Hashes the listing and every value, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(listing)
        hasher.combine(packed.ackQuantity)
        hasher.combine(packed.ackPrice)
        hasher.combine(packed.pendingQuantity)
        hasher.combine(packed.pendingPrice)
        hasher.combine(packed.approvedPrice)
    }
}
