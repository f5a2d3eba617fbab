public import MarketSync

/// One line of a set a partner receives from its supplier (846, 832, 855), as the partner reads it.
public struct X12ReceivedLine: Hashable, Sendable {
    /// `LIN01` or `PO101`: the line's number, the order line answered in an 855.
    public var lineID: String
    /// The product's GTIN (the first `UP`, `EN` or `UK` ID), when given.
    public var gtin: GTIN?
    /// The supplier's SKU (the ID under the profile's SKU qualifier, or `VN`), when given.
    public var sku: SKU?
    /// `PID05`, in an 832.
    public var description: String?
    /// Units: available (`QTY02`) in an 846, ordered (`PO102`) in an 855.
    public var quantity: Int64?
    /// The price of one unit in hundredths: `CTP03` in an 832, `PO104` in an 855.
    public var priceHundredths: Int64?
    /// `ACK01` in an 855: `IA` accepted, `IQ` quantity changed, `IR` rejected.
    public var acknowledgment: String?
    /// `ACK02` in an 855: the units the supplier will ship.
    public var acknowledgedQuantity: Int64?

    /// A line as read.
    public init(lineID: String, gtin: GTIN? = nil, sku: SKU? = nil, description: String? = nil, quantity: Int64? = nil,
                priceHundredths: Int64? = nil, acknowledgment: String? = nil, acknowledgedQuantity: Int64? = nil) {
        self.lineID = lineID
        self.gtin = gtin
        self.sku = sku
        self.description = description
        self.quantity = quantity
        self.priceHundredths = priceHundredths
        self.acknowledgment = acknowledgment
        self.acknowledgedQuantity = acknowledgedQuantity
    }

    /// For a line of an 855: accepted (`IA`, or `IQ` with units left), refused (`IR`, or `IQ` with none), nil for a
    /// code this reading does not know.
    public var isAccepted: Bool? {
        switch acknowledgment {
        case "IA": true
        case "IQ": (acknowledgedQuantity ?? 0) > 0
        case "IR": false
        default: nil
        }
    }
}
