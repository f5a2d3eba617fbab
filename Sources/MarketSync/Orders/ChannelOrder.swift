public import Foundation

/// An order as a channel reports it, mapped to the common state with the raw status kept.
public struct ChannelOrder: Sendable, Hashable, Codable {
    /// The channel's id of the order; with the channel, its key in the store.
    public var id: String
    /// The common state the adapter mapped the raw status to.
    public var state: OrderState
    /// The channel's own status, as it said it (for Epinduo: `order_status/refund_status/confirm_status`).
    public var rawStatus: String
    /// When the channel last changed the order: windows are cut on it, and the store keeps the latest
    /// copy by it.
    public var updatedAt: Date
    /// The order's lines, in the channel's order.
    public var lines: [OrderLine]
    /// The order's total as the channel reports it, if it does.
    public var total: Money?
    /// The tracking number the channel reports, if any; nil keeps the one the store already holds.
    public var trackingNumber: String?
    /// When the buyer placed the order, if the channel says (an absolute instant: the adapter read it in the
    /// channel's own time zone).
    public var placedAt: Date?

    /// An order as the adapter read it; no total, tracking number or placing time unless given.
    public init(id: String, state: OrderState, rawStatus: String, updatedAt: Date, lines: [OrderLine],
                total: Money? = nil, trackingNumber: String? = nil, placedAt: Date? = nil) {
        self.placedAt = placedAt
        self.id = id
        self.state = state
        self.rawStatus = rawStatus
        self.updatedAt = updatedAt
        self.lines = lines
        self.total = total
        self.trackingNumber = trackingNumber
    }
}

/// One line of an order: which SKU and how many.
///
/// A channel names the product of a line by the merchant's code (`sku`), by its own listing id (`listing`), or
/// both. The store links the line to the catalog by the code first, then by the channel's listing id; a line
/// that matches neither is stored as it came and recorded as an incident.
public struct OrderLine: Sendable, Hashable, Codable {
    /// The merchant's SKU when the channel gave one and it is in the catalog; otherwise what identifies the line
    /// on the channel.
    public var sku: SKU
    /// Units ordered; held back from what is offered while the order's state reserves stock.
    public var quantity: Int64
    /// The price of one unit as the channel reports it, if it does.
    public var unitPrice: Money?
    /// The channel's listing id of the line (Epinduo: `goods_id:sku_id`), as `listings.external_id` holds it.
    public var listing: String?
    /// The channel's id of the line (Mirakl's `order_line_id`, Walmart's `lineNumber`), when lines are answered
    /// or shipped one by one; nil for a channel that knows no line ids.
    public var id: String?
    /// The line's own state, for a channel that reports one per line (Mirakl, Walmart); nil when only the order
    /// has a state. The order's `state` is the roll-up of its lines'.
    public var state: OrderState?
    /// The channel's own status of the line, as it said it, when it reports one.
    public var rawStatus: String?
    /// A line as the adapter read it.
    public init(sku: SKU, quantity: Int64, unitPrice: Money? = nil, listing: String? = nil, id: String? = nil,
                state: OrderState? = nil, rawStatus: String? = nil) {
        self.id = id
        self.state = state
        self.rawStatus = rawStatus
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.listing = listing
    }
}
