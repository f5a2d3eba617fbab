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
public struct OrderLine: Sendable, Hashable, Codable {
    public var sku: SKU
    public var quantity: Int64
    public var unitPrice: Money?
    public init(sku: SKU, quantity: Int64, unitPrice: Money? = nil) {
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
    }
}
