/// Which of a chain's four sheets a layout describes: what its columns may hold and must hold.
public enum SheetKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Stock on hand per SKU (and store), sent to the chain.
    case stock
    /// Prices per SKU (and store), sent to the chain.
    case price
    /// A purchase order sheet the chain sends: one row per order line.
    case orders
    /// Our answer to a purchase order: per line, units accepted or the line refused with a reason.
    case orderResponse = "order_response"

    /// The config name (`order_response`).
    public var description: String { rawValue }

    /// The fields a column of this sheet may be bound to.
    var allowedFields: Set<SheetField> {
        let product: Set<SheetField> = [.sku, .gtin, .itemCode, .nameZh, .nameRu, .nameEn, .unit]
        switch self {
        case .stock: return product.union([.quantity, .store, .date])
        case .price: return product.union([.price, .currency, .store, .date])
        case .orders: return product.union([.orderNumber, .orderDate, .store, .lineNumber, .quantity, .price, .currency])
        case .orderResponse:
            return product.union([.orderNumber, .orderDate, .store, .lineNumber, .quantity, .acceptedQuantity, .price,
                                  .currency, .status, .reason, .date])
        }
    }

    /// Groups of fields of which the sheet needs at least one column each (`[.quantity]`: a stock sheet needs its
    /// quantity column; `[.sku, .itemCode, .gtin]`: some column must say which product a row is about).
    var requiredGroups: [[SheetField]] {
        switch self {
        case .stock: [[.quantity], SheetField.identities]
        case .price: [[.price], SheetField.identities]
        case .orders: [[.orderNumber], [.quantity], SheetField.identities]
        case .orderResponse: [[.orderNumber], [.lineNumber] + SheetField.identities, [.acceptedQuantity, .status]]
        }
    }

    /// How files of this sheet may be split (an order sheet is read, never split).
    var allowedSplits: Set<SheetSplit> {
        switch self {
        case .stock, .price: [.none, .store]
        case .orders: [.none]
        case .orderResponse: [.none, .store, .order]
        }
    }

    /// Whether marketsync writes this sheet (true) or reads it (false).
    var isWritten: Bool { self != .orders }
}
