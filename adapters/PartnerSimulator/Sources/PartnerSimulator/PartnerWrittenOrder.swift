/// The order the simulator wrote into the outbox, as reported.
public struct PartnerWrittenOrder: Sendable, Hashable, Encodable {
    /// One line as written: our SKU, what the file names it by, the units.
    public struct Line: Sendable, Hashable, Encodable {
        /// The line number written.
        public var line: String
        /// Our SKU.
        public var sku: String
        /// What the file names the item by (the GTIN in EDI; the item code, GTIN or SKU a sheet's columns take).
        public var item: String
        /// Units ordered.
        public var quantity: Int64
    }

    /// The file's name in the outbox.
    public var name: String
    /// The message type written (`ORDERS`, `850`, `order sheet`).
    public var messageType: String
    /// The order number.
    public var orderNumber: String
    /// The lines.
    public var lines: [Line]

    /// One line for a person.
    public var text: String {
        "wrote \(name)  \(messageType)  order \(orderNumber): "
            + lines.map { "line \($0.line) \($0.sku) (\($0.item)) × \($0.quantity)" }.joined(separator: ", ")
    }
}
