/// The sheets of one chain: what marketsync writes (stock, prices, order responses) and reads (order sheets). A
/// chain may use only some of them; the adapter says which it needs.
public struct ChainSheetLayouts: Sendable, Hashable {
    /// The stock sheet, if the chain takes one.
    public var stock: SheetLayout?
    /// The price sheet, if the chain takes one.
    public var price: SheetLayout?
    /// The order sheet the chain sends, if it sends orders as sheets.
    public var orders: SheetLayout?
    /// The answer to an order sheet, if the chain wants one.
    public var orderResponse: SheetLayout?

    /// The layouts given.
    public init(stock: SheetLayout? = nil, price: SheetLayout? = nil, orders: SheetLayout? = nil, orderResponse: SheetLayout? = nil) {
        self.stock = stock
        self.price = price
        self.orders = orders
        self.orderResponse = orderResponse
    }

    /// The layout of `kind`, if configured.
    public subscript(kind: SheetKind) -> SheetLayout? {
        switch kind {
        case .stock: stock
        case .price: price
        case .orders: orders
        case .orderResponse: orderResponse
        }
    }
}
