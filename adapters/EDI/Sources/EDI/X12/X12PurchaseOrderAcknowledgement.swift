public import MarketSync

/// What we decide about one line of an 850.
public enum X12LineDecision: Hashable, Sendable {
    /// Shipped as ordered (`ACK*IA`).
    case accepted
    /// Shipped, but only this many units (`ACK*IQ`, fewer than ordered).
    case changed(quantity: Int64)
    /// Not shipped (`ACK*IR`).
    case rejected
}

/// One line of an 855: the order line answered and the decision.
public struct X12AcknowledgementLine: Hashable, Sendable {
    /// `PO101` of the 850 line.
    public var lineID: String
    /// The product's GTIN.
    public var gtin: GTIN
    /// Our SKU.
    public var sku: SKU
    /// Units ordered.
    public var orderedQuantity: Int64
    /// The price of one unit, repeated from the order when it gave one.
    public var unitPrice: Money?
    /// What we do with the line.
    public var decision: X12LineDecision

    /// A decision about one line.
    public init(lineID: String, gtin: GTIN, sku: SKU, orderedQuantity: Int64, unitPrice: Money? = nil, decision: X12LineDecision) {
        self.lineID = lineID
        self.gtin = gtin
        self.sku = sku
        self.orderedQuantity = orderedQuantity
        self.unitPrice = unitPrice
        self.decision = decision
    }
}

/// An 855 Purchase Order Acknowledgment to one 850.
///
/// `BAK*00*<type>*<order number>*<order date>`, where the type follows from the lines: `AD` (acknowledge with
/// detail, no change) when every line is accepted as ordered, `RJ` (rejected) when every line is rejected, `AC`
/// (acknowledge with detail and change) otherwise. Then per line `PO1*<line>*<ordered>*EA*<price>**UP*<GTIN>*SK*<SKU>`
/// and `ACK*IA|IQ|IR*<units shipped>*EA`, then `CTT*<lines>`.
public struct X12PurchaseOrderAcknowledgement: Hashable, Sendable {
    /// `BAK03`: the partner's order number.
    public var orderNumber: String
    /// `BAK04`: the order's date.
    public var orderDate: CalendarDay
    /// The decisions, one per line of the order.
    public var lines: [X12AcknowledgementLine]

    /// An acknowledgement of `orderNumber`.
    public init(orderNumber: String, orderDate: CalendarDay, lines: [X12AcknowledgementLine]) {
        self.orderNumber = orderNumber
        self.orderDate = orderDate
        self.lines = lines
    }

    /// `BAK02`: `AD`, `RJ` or `AC`.
    public var acknowledgmentType: String {
        let effective = lines.map(Self.effective)
        if effective.allSatisfy({ $0 == .accepted }) { return "AD" }
        if effective.allSatisfy({ $0 == .rejected }) { return "RJ" }
        return "AC"
    }

    /// The transaction set's segments. Throws `validation` for no lines or a changed quantity that is negative
    /// or more than was ordered.
    public func segments(settings: X12Settings) throws -> [EDISegment] {
        guard !lines.isEmpty else {
            throw MarketSyncError(.validation, "an 855 needs the order's lines", channel: settings.partner, key: "PO1")
        }
        guard !orderNumber.isEmpty, orderNumber.count <= 22 else {
            throw MarketSyncError(.validation, "BAK03 must have 1 to 22 characters", channel: settings.partner, key: "BAK03")
        }
        var segments = [EDISegment("BAK", ["00"], [acknowledgmentType], [orderNumber], [EDIDateFormat.ccyymmdd(orderDate)])]
        for line in lines {
            if case let .changed(quantity) = line.decision, quantity < 0 || quantity > line.orderedQuantity {
                throw MarketSyncError(.validation,
                                      "line \(line.lineID): a changed quantity must be 0 to \(line.orderedQuantity), not \(quantity)",
                                      channel: settings.partner, sku: line.sku, key: "ACK02")
            }
            let price = line.unitPrice.map { EDIDecimal.text(hundredths: $0.minorUnits) } ?? ""
            segments.append(EDISegment(tag: "PO1", elements: [[line.lineID], [String(line.orderedQuantity)], [settings.unit], [price], []]
                + (try X12ItemIdentification.elements(gtin: line.gtin, sku: line.sku, skuQualifier: settings.skuQualifier))))
            let (code, shipped): (String, Int64) = switch Self.effective(line) {
            case .accepted: ("IA", line.orderedQuantity)
            case let .changed(quantity): ("IQ", quantity)
            case .rejected: ("IR", 0)
            }
            segments.append(EDISegment("ACK", [code], [String(shipped)], [settings.unit]))
        }
        segments.append(EDISegment("CTT", [String(lines.count)]))
        return segments
    }

    private static func effective(_ line: X12AcknowledgementLine) -> X12LineDecision {
        switch line.decision {
        case let .changed(quantity) where quantity == line.orderedQuantity: .accepted
        case let .changed(quantity) where quantity == 0: .rejected
        default: line.decision
        }
    }
}
