public import MarketSync

/// A stored order with the engine's decision on each line, as an order response writes it: the line's channel id,
/// its GTIN (the listing the chain ordered it under, else the product's), our SKU, the quantity ordered and the price.
public struct AnsweredOrder: Sendable {
    /// One answered line.
    public struct Line: Sendable {
        /// The channel's line id.
        public var id: String
        /// The GTIN the line is answered by.
        public var gtin: GTIN
        /// Our SKU.
        public var sku: SKU
        /// Units ordered.
        public var quantity: Int64
        /// The unit price the order gave, if any.
        public var unitPrice: Money?
        /// Whether the engine accepted the line.
        public var accepted: Bool
    }

    /// The order as stored.
    public var order: StoredOrder
    /// Every line, in the order's order.
    public var lines: [Line]

    /// Reads order `orderID` back and pairs each line with its decision. Throws `.validation` (the answer is parked
    /// with the reason, never sent half made up) for an order the store does not hold, a line without an id, a line
    /// the decisions do not mention, or one with no GTIN to name it by.
    public static func resolve(_ orderID: String, decisions: [OrderLineDecision], channel: ChannelID,
                               records: any RetailRecords) async throws -> AnsweredOrder {
        func refuse(_ reason: String) -> MarketSyncError {
            MarketSyncError(.validation, "order \(orderID): \(reason)", channel: channel, key: "order \(orderID)")
        }
        guard let stored = try await records.order(orderID, channel: channel) else { throw refuse("not in the store") }
        var byLine: [String: Bool] = [:]
        for decision in decisions { byLine[decision.line] = decision.accepted }
        var lines: [Line] = []
        for line in stored.order.lines {
            guard let id = line.id else { throw refuse("a line has no line number") }
            guard let accepted = byLine[id] else { throw refuse("no decision for line \(id)") }
            let gtin: GTIN
            if let listed = OfferResolver.gtin(line.listing) {
                gtin = listed
            } else if let known = try await records.product(line.sku)?.gtin {
                gtin = known
            } else {
                throw refuse("line \(id) has no GTIN to answer it by")
            }
            lines.append(Line(id: id, gtin: gtin, sku: line.sku, quantity: line.quantity, unitPrice: line.unitPrice, accepted: accepted))
        }
        guard !lines.isEmpty else { throw refuse("it has no lines") }
        return AnsweredOrder(order: stored, lines: lines)
    }
}
