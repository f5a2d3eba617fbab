public import MarketSync

/// An 850 Purchase Order as a partner writes it to its supplier: the counterpart of `X12PurchaseOrderReader`, for a
/// partner simulator and for tests.
///
/// `BEG*<purpose>*SA*<number>**<CCYYMMDD>` (stand-alone order), `CUR*BY*<currency>`; per line
/// `PO1*<n>*<units>*<unit>*<price>**<UP|EN|UK>*<GTIN>[*IN*<item>]`; then `CTT*<lines>`.
public struct X12PartnerPurchaseOrder: Hashable, Sendable {
    /// The partner's order number (`BEG03`), 1 to 22 characters.
    public var number: String
    /// `BEG01`: `00` original, `01` cancellation.
    public var purpose: String
    /// The order date (`BEG05`), a day in the partner's calendar.
    public var date: CalendarDay
    /// The lines, in order; numbered 1, 2, … as written (`PO101`).
    public var lines: [X12PartnerOrderLine]

    /// An order `number` of `lines`.
    public init(number: String, purpose: String = "00", date: CalendarDay, lines: [X12PartnerOrderLine]) {
        self.number = number
        self.purpose = purpose
        self.date = date
        self.lines = lines
    }

    /// The transaction set's segments for `settings`' partner (its currency and unit). Throws `validation` for no
    /// lines, a quantity not above zero, a price in another currency, or a number of the wrong length.
    public func segments(settings: X12Settings) throws -> [EDISegment] {
        guard !lines.isEmpty else {
            throw MarketSyncError(.validation, "order \(number): an 850 needs at least one line", channel: settings.partner, key: "PO1")
        }
        guard !number.isEmpty, number.count <= 22 else {
            throw MarketSyncError(.validation, "BEG03 must have 1 to 22 characters", channel: settings.partner, key: "BEG03")
        }
        var segments = [EDISegment("BEG", [purpose], ["SA"], [number], [], [EDIDateFormat.ccyymmdd(date)]),
                        EDISegment("CUR", ["BY"], [settings.currency.rawValue])]
        for (index, line) in lines.enumerated() {
            guard line.quantity > 0 else {
                throw MarketSyncError(.validation, "order \(number) line \(index + 1): the quantity must be above 0, not \(line.quantity)",
                                      channel: settings.partner, key: "PO102")
            }
            var price = ""
            if let unitPrice = line.unitPrice {
                guard unitPrice.currency == settings.currency, unitPrice.minorUnits >= 0 else {
                    throw MarketSyncError(.validation, "order \(number) line \(index + 1): the price must be a \(settings.currency) amount of 0 or more",
                                          channel: settings.partner, key: "PO104")
                }
                price = EDIDecimal.text(hundredths: unitPrice.minorUnits)
            }
            var elements: [[String]] = [[String(index + 1)], [String(line.quantity)], [settings.unit], [price], [],
                                        [X12ItemIdentification.qualifier(of: line.gtin)], [line.gtin.digits]]
            if let item = line.buyerItem, !item.isEmpty { elements += [["IN"], [item]] }
            segments.append(EDISegment(tag: "PO1", elements: elements))
        }
        segments.append(EDISegment("CTT", [String(lines.count)]))
        return segments
    }
}
