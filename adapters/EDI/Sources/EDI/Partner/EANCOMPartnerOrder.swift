public import Foundation
internal import MarketSync

/// An ORDERS purchase order (`BGM+220`) as a chain writes it to its supplier: the counterpart of
/// `EANCOMOrderReader`, for a partner simulator and for tests.
///
/// `BGM+220+<number>+<function>`, `DTM+137` (order date), `NAD+BY` (the chain), `NAD+SU` (the supplier), `NAD+DP`
/// (the delivery point, when given), `CUX+2:<currency>:9` (order currency); per line `LIN+<n>++<GTIN>:EN`,
/// `PIA+1+<article>:IN` (the chain's article, when given), `QTY+21:<units>`, `PRI+AAA:<price>` (when given); then
/// `UNS+S` and `CNT+2:<lines>`. The parties are the profile's, seen from the chain: the buyer is the chain's GLN.
public struct EANCOMPartnerOrder: Hashable, Sendable {
    /// The chain's order number (`BGM` `1004`), 1 to 35 characters.
    public var number: String
    /// The message function (`BGM` `1225`): `9` original, `1` cancellation.
    public var function: String
    /// When the order is placed; written as its day in the chain's time zone.
    public var date: Date
    /// Where the goods go (`NAD+DP`), when the chain names a delivery point.
    public var deliveryParty: GLN?
    /// The lines, in order; numbered 1, 2, … as written.
    public var lines: [EANCOMPartnerOrderLine]

    /// An order `number` of `lines`.
    public init(number: String, function: String = "9", date: Date, deliveryParty: GLN? = nil, lines: [EANCOMPartnerOrderLine]) {
        self.number = number
        self.function = function
        self.date = date
        self.deliveryParty = deliveryParty
        self.lines = lines
    }

    /// The message body for the chain of `settings` (our profile of it: its GLN is the buyer, ours the supplier).
    /// Throws `validation` for an order without lines, a quantity that is not above zero, or a price in another
    /// currency than the profile's.
    public func body(settings: EANCOMSettings) throws -> EANCOMMessageBody {
        guard !lines.isEmpty else {
            throw MarketSyncError(.validation, "order \(number): an order needs at least one line", channel: settings.partner, key: "LIN")
        }
        var segments = [try EANCOMSegments.beginning("220", number: number, function: function),
                        EANCOMSegments.date("137", EDIDateFormat.ccyymmdd(date, in: settings.timeZone)),
                        EANCOMSegments.party("BY", settings.buyer),
                        EANCOMSegments.party("SU", settings.supplier)]
        if let deliveryParty { segments.append(EANCOMSegments.party("DP", deliveryParty)) }
        segments.append(EDISegment("CUX", ["2", settings.currency.rawValue, "9"]))
        for (index, line) in lines.enumerated() {
            guard line.quantity > 0 else {
                throw MarketSyncError(.validation, "order \(number) line \(index + 1): the quantity must be above 0, not \(line.quantity)",
                                      channel: settings.partner, key: "QTY")
            }
            segments.append(EANCOMSegments.line(index + 1, gtin: line.gtin))
            if let article = line.buyerArticle, !article.isEmpty { segments.append(EDISegment("PIA", ["1"], [article, "IN"])) }
            segments.append(EDISegment("QTY", ["21", String(line.quantity)]))
            if let price = line.unitPrice {
                guard price.currency == settings.currency, price.minorUnits >= 0 else {
                    throw MarketSyncError(.validation, "order \(number) line \(index + 1): the price must be a \(settings.currency) amount of 0 or more",
                                          channel: settings.partner, key: "PRI")
                }
                segments.append(EDISegment("PRI", ["AAA", EDIDecimal.text(hundredths: price.minorUnits,
                                                                          decimalMark: settings.characters.decimalMark)]))
            }
        }
        segments.append(EDISegment("UNS", ["S"]))
        segments.append(EDISegment("CNT", ["2", String(lines.count)]))
        return EANCOMMessageBody(type: .orders, segments: segments)
    }
}
