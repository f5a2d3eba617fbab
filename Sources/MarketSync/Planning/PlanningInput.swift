/// Everything the planner reads, laid out flat so a million SKUs cost a few large arrays, not a million small
/// ones. `skus` is ordered by SKU; each SKU's lots are `lots[sku.lotStart ..< sku.lotStart + sku.lotCount]`;
/// `channels[c].states[i]` is channel c's view of `skus[i]`.
public struct PlanningInput: Sendable {
    public var skus: [SKUState]
    public var lots: [LotState]
    /// Warehouse names; `LotState.warehouse` indexes into it.
    public var warehouses: [String]
    public var channels: [ChannelOfferStates]

    public init(skus: [SKUState], lots: [LotState], warehouses: [String], channels: [ChannelOfferStates]) {
        self.skus = skus
        self.lots = lots
        self.warehouses = warehouses
        self.channels = channels
    }
}

/// One SKU's catalog side.
public struct SKUState: Sendable, Hashable {
    public var sku: SKU
    /// Base price in kopecks (RUB minor units).
    public var basePriceMinor: Int64
    /// Units held by open orders on every channel.
    public var reserved: Int64
    public var lotStart: Int32
    public var lotCount: Int32

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
    public var warehouse: Int32
    public var quantity: Int64
    public var expiresOnDay: Int32?
    public var producedOnDay: Int32?

    public init(warehouse: Int32, quantity: Int64, expiresOnDay: Int32? = nil, producedOnDay: Int32? = nil) {
        self.warehouse = warehouse
        self.quantity = quantity
        self.expiresOnDay = expiresOnDay
        self.producedOnDay = producedOnDay
    }
}

/// One channel's view of every SKU, aligned with `PlanningInput.skus`.
public struct ChannelOfferStates: Sendable {
    public var channel: ChannelID
    public var states: [OfferState]
    public init(channel: ChannelID, states: [OfferState]) {
        self.channel = channel
        self.states = states
    }
}

/// What a channel holds or will hold for one SKU, in minor units of the channel's currency for prices.
public struct OfferState: Sendable, Hashable {
    /// nil: the SKU is not listed on this channel.
    public var listing: String?
    public var acknowledgedQuantity: Int64?
    public var acknowledgedPriceMinor: Int64?
    public var pendingQuantity: Int64?
    public var pendingPriceMinor: Int64?
    /// A price change a person approved with `marketsync approve` (allowed past the max-change guard once).
    public var approvedPriceMinor: Int64?

    public init(listing: String?, acknowledgedQuantity: Int64? = nil, acknowledgedPriceMinor: Int64? = nil,
                pendingQuantity: Int64? = nil, pendingPriceMinor: Int64? = nil, approvedPriceMinor: Int64? = nil) {
        self.listing = listing
        self.acknowledgedQuantity = acknowledgedQuantity
        self.acknowledgedPriceMinor = acknowledgedPriceMinor
        self.pendingQuantity = pendingQuantity
        self.pendingPriceMinor = pendingPriceMinor
        self.approvedPriceMinor = approvedPriceMinor
    }
}
