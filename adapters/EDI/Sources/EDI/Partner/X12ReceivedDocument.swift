public import MarketSync

/// A transaction set a partner receives from its supplier, read the way the partner would: an 846 inventory
/// advice, an 832 price catalog or an 855 acknowledgement of one of its orders.
public struct X12ReceivedDocument: Hashable, Sendable {
    /// `ST01`: `846`, `832` or `855`.
    public var identifier: String
    /// `ST02`.
    public var controlNumber: String
    /// The document's own reference: `BIA03`, `BCT02`, or the order answered (`BAK03`).
    public var reference: String
    /// `BAK02` in an 855: `AD` accepted as ordered, `AC` with changes, `RJ` rejected; nil elsewhere.
    public var acknowledgmentType: String?
    /// The currency of the prices (`CUR02`), in an 832.
    public var currency: Currency?
    /// The lines, in order.
    public var lines: [X12ReceivedLine]

    /// A document as read.
    public init(identifier: String, controlNumber: String, reference: String, acknowledgmentType: String?, currency: Currency?,
                lines: [X12ReceivedLine]) {
        self.identifier = identifier
        self.controlNumber = controlNumber
        self.reference = reference
        self.acknowledgmentType = acknowledgmentType
        self.currency = currency
        self.lines = lines
    }
}
