public import Foundation
public import MarketSync

/// One line of an order response: the chain's order and line, units ordered and accepted, and why a line is
/// refused.
public struct OrderResponseSheetRow: Sendable, Hashable {
    /// The chain's order number.
    public var orderNumber: String
    /// When the chain placed the order, if its sheet said.
    public var orderDate: Date?
    /// The store or delivery point, if its sheet said.
    public var store: String?
    /// The chain's own line number, if its sheet had one (never made up: a response layout with a line number
    /// column needs it).
    public var lineNumber: String?
    /// Our SKU.
    public var sku: SKU
    /// The chain's item code of the line, if its sheet had one (else the catalog's listing is used).
    public var itemCode: String?
    /// The GTIN as the chain's sheet wrote it (else the catalog's).
    public var gtin: String?
    /// Units ordered.
    public var orderedQuantity: Int64
    /// Units accepted: all of them for an accepted line, 0 for a refused one.
    public var acceptedQuantity: Int64
    /// The unit price the chain's sheet gave, if any.
    public var unitPrice: Money?
    /// Why the line is refused; nil for an accepted line.
    public var reason: String?

    /// A row as given.
    public init(orderNumber: String, orderDate: Date?, store: String?, lineNumber: String?, sku: SKU, itemCode: String?,
                gtin: String?, orderedQuantity: Int64, acceptedQuantity: Int64, unitPrice: Money?, reason: String?) {
        self.orderNumber = orderNumber
        self.orderDate = orderDate
        self.store = store
        self.lineNumber = lineNumber
        self.sku = sku
        self.itemCode = itemCode
        self.gtin = gtin
        self.orderedQuantity = orderedQuantity
        self.acceptedQuantity = acceptedQuantity
        self.unitPrice = unitPrice
        self.reason = reason
    }

    /// The rows answering `order` with `decisions` (matched by line id, `OrderLineDecision.line`): an accepted line
    /// accepts every unit ordered, a refused one none, with its reason. A line without a decision gets no row.
    public static func rows(for order: SheetOrder, decisions: [OrderLineDecision]) -> [OrderResponseSheetRow] {
        var byLine: [String: OrderLineDecision] = [:]
        for decision in decisions where byLine[decision.line] == nil { byLine[decision.line] = decision }
        return order.lines.compactMap { sheetLine in
            guard let id = sheetLine.line.id, let decision = byLine[id] else { return nil }
            return OrderResponseSheetRow(orderNumber: order.number, orderDate: order.placedAt, store: order.store,
                                         lineNumber: sheetLine.lineNumber, sku: sheetLine.line.sku, itemCode: sheetLine.line.listing,
                                         gtin: sheetLine.gtin, orderedQuantity: sheetLine.line.quantity,
                                         acceptedQuantity: decision.accepted ? sheetLine.line.quantity : 0,
                                         unitPrice: sheetLine.line.unitPrice, reason: decision.accepted ? nil : decision.reason)
        }
    }
}
