public import Foundation
public import MarketSync

/// One stored order as `marketsync orders` shows it: presentation only. Its JSON has the same keys for every
/// order, absent values as `null`.
public struct OrderRow: Sendable, Hashable, Encodable {
    /// The channel the order is on.
    public var channel: String
    /// The channel's id of the order.
    public var orderID: String
    /// The common state (`readyToShip`, ...).
    public var state: String
    /// The channel's own status, as it said it.
    public var rawStatus: String
    /// When the buyer placed it, if the channel said.
    public var placedAt: Date?
    /// When the channel last changed it.
    public var updatedAt: Date
    /// The lines, in the channel's order.
    public var lines: [Line]
    /// The total as the channel reports it, if it does.
    public var total: Money?
    /// The tracking number, if any.
    public var trackingNumber: String?

    /// One line of the order.
    public struct Line: Sendable, Hashable, Encodable {
        /// The merchant's SKU (or what identifies the line on the channel when it matched no product).
        public var sku: String
        /// Units ordered.
        public var quantity: Int64
        /// The channel's line id, for a channel that answers or ships line by line.
        public var lineID: String?
        /// The line's own state, for a channel that reports one per line.
        public var state: String?
        /// The channel's listing id of the line, if it gave one.
        public var listing: String?
        /// The unit price the channel reports, if it does.
        public var unitPrice: Money?

        enum CodingKeys: String, CodingKey {
            case sku, quantity, lineID = "line_id", state, listing, unitPrice = "unit_price"
        }

        /// Every key, absent values as null; money as `{"amount": "12.30", "currency": "CNY"}`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sku, forKey: .sku)
            try container.encode(quantity, forKey: .quantity)
            try container.encode(lineID, forKey: .lineID)
            try container.encode(state, forKey: .state)
            try container.encode(listing, forKey: .listing)
            try container.encode(unitPrice.map(MoneyJSON.init), forKey: .unitPrice)
        }
    }

    /// The row of `stored`.
    public init(_ stored: StoredOrder) {
        let order = stored.order
        channel = stored.channel.rawValue
        orderID = order.id
        state = order.state.rawValue
        rawStatus = order.rawStatus
        placedAt = order.placedAt
        updatedAt = order.updatedAt
        lines = order.lines.map {
            Line(sku: $0.sku.rawValue, quantity: $0.quantity, lineID: $0.id, state: $0.state?.rawValue, listing: $0.listing,
                 unitPrice: $0.unitPrice)
        }
        total = order.total
        trackingNumber = order.trackingNumber
    }

    /// `SKU×qty` for each line, comma-separated: what the table shows.
    public var linesText: String {
        lines.map { "\($0.sku)×\($0.quantity)" }.joined(separator: ", ")
    }

    enum CodingKeys: String, CodingKey {
        case channel, orderID = "order_id", state, rawStatus = "raw_status", placedAt = "placed_at", updatedAt = "updated_at"
        case lines, total, trackingNumber = "tracking_number"
    }

    /// Every key, absent values as null; times as ISO 8601 in UTC.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(channel, forKey: .channel)
        try container.encode(orderID, forKey: .orderID)
        try container.encode(state, forKey: .state)
        try container.encode(rawStatus, forKey: .rawStatus)
        try container.encode(placedAt.map(TimeText.iso), forKey: .placedAt)
        try container.encode(TimeText.iso(updatedAt), forKey: .updatedAt)
        try container.encode(lines, forKey: .lines)
        try container.encode(total.map(MoneyJSON.init), forKey: .total)
        try container.encode(trackingNumber, forKey: .trackingNumber)
    }
}
