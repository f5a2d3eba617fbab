/// What an answer says of one line of an order: the line, the item, accepted or refused, the units when given.
public struct PartnerLineDecision: Sendable, Hashable, Encodable {
    /// The order's line number as the answer names it.
    public var line: String
    /// The item as the answer names it (GTIN, item code or SKU), when it does.
    public var item: String?
    /// Whether the line is accepted.
    public var accepted: Bool
    /// The units the supplier will deliver, when the answer says.
    public var quantity: Int64?

    /// A decision as read.
    public init(line: String, item: String?, accepted: Bool, quantity: Int64?) {
        self.line = line
        self.item = item
        self.accepted = accepted
        self.quantity = quantity
    }
}
