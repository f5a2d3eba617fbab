public import MarketSync

/// One line of a message a chain receives from its supplier (INVRPT, PRICAT, ORDRSP), as the chain reads it.
public struct EANCOMReceivedLine: Hashable, Sendable {
    /// The line number (`LIN` `1082`): the order line answered, in an ORDRSP.
    public var lineNumber: String
    /// The line's action (`LIN` `1229`) in an ORDRSP: `5` accepted, `3` changed, `6` accepted with amendment,
    /// `7` not accepted; nil elsewhere.
    public var action: String?
    /// The product's GTIN (`LIN`), when given.
    public var gtin: GTIN?
    /// The supplier's article (`PIA+…:SA`), when given.
    public var sku: SKU?
    /// The product's name (`IMD`), when given.
    public var description: String?
    /// Units: stock (`QTY+145`) in an INVRPT, units delivered (`QTY+21`) on a changed ORDRSP line.
    public var quantity: Int64?
    /// The price of one unit in hundredths (`PRI+AAA`, else `AAB`), in a PRICAT.
    public var priceHundredths: Int64?

    /// A line as read.
    public init(lineNumber: String, action: String? = nil, gtin: GTIN? = nil, sku: SKU? = nil, description: String? = nil,
                quantity: Int64? = nil, priceHundredths: Int64? = nil) {
        self.lineNumber = lineNumber
        self.action = action
        self.gtin = gtin
        self.sku = sku
        self.description = description
        self.quantity = quantity
        self.priceHundredths = priceHundredths
    }
}
