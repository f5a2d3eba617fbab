public import Foundation

/// An order as a channel reports it, mapped to the common state with the raw status kept.
public struct ChannelOrder: Sendable, Hashable, Codable {
    public var id: String
    public var state: OrderState
    /// The channel's own status, as it said it (for Epinduo: `order_status/refund_status/confirm_status`).
    public var rawStatus: String
    public var updatedAt: Date
    public var lines: [OrderLine]
    public var total: Money?
    public var trackingNumber: String?

    public init(id: String, state: OrderState, rawStatus: String, updatedAt: Date, lines: [OrderLine],
                total: Money? = nil, trackingNumber: String? = nil) {
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
    public var quantity: Int64
    public var unitPrice: Money?
    /// The channel's listing id of the line (Epinduo: `goods_id:sku_id`), as `listings.external_id` holds it.
    public var listing: String?
    public init(sku: SKU, quantity: Int64, unitPrice: Money? = nil, listing: String? = nil) {
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.listing = listing
    }
}
