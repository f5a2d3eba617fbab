public import Foundation
public import MarketSync

/// One line of an 846: a product and the units available.
public struct X12InventoryLine: Hashable, Sendable {
    /// The product's GTIN (`LIN`, qualifier by length: `UP`, `EN`, `UK`).
    public var gtin: GTIN
    /// Our SKU (`LIN`, the settings' SKU qualifier).
    public var sku: SKU
    /// Units available for sale (`QTY`); never negative.
    public var quantity: Int64

    /// A line for `sku`.
    public init(gtin: GTIN, sku: SKU, quantity: Int64) {
        self.gtin = gtin
        self.sku = sku
        self.quantity = quantity
    }
}

/// An 846 Inventory Inquiry/Advice: our stock for a partner.
///
/// `BIA*00*SI*<reference>*<CCYYMMDD>` (original, seller inventory report), then per line
/// `LIN*<n>*UP*<GTIN>*SK*<SKU>` and `QTY*33*<units>*EA`, then `CTT*<lines>`.
public struct X12InventoryAdvice: Hashable, Sendable {
    /// The report's reference (`BIA03`), 1 to 30 characters.
    public var reference: String
    /// When the report was made; written as its day in the partner's time zone.
    public var date: Date
    /// The lines, in order.
    public var lines: [X12InventoryLine]

    /// A report of `lines`.
    public init(reference: String, date: Date, lines: [X12InventoryLine]) {
        self.reference = reference
        self.date = date
        self.lines = lines
    }

    /// The transaction set's segments (between `ST` and `SE`). Throws `validation` for no lines, a negative
    /// quantity or a reference of the wrong length.
    public func segments(settings: X12Settings) throws -> [EDISegment] {
        guard !lines.isEmpty else {
            throw MarketSyncError(.validation, "an 846 needs at least one line", channel: settings.partner, key: "LIN")
        }
        guard !reference.isEmpty, reference.count <= 30 else {
            throw MarketSyncError(.validation, "BIA03 must have 1 to 30 characters", channel: settings.partner, key: "BIA03")
        }
        var segments = [EDISegment("BIA", ["00"], ["SI"], [reference], [EDIDateFormat.ccyymmdd(date, in: settings.timeZone)])]
        for (index, line) in lines.enumerated() {
            guard line.quantity >= 0 else {
                throw MarketSyncError(.validation, "a stock quantity cannot be negative (\(line.quantity))", channel: settings.partner,
                                      sku: line.sku, key: "QTY02")
            }
            segments.append(EDISegment(tag: "LIN", elements: [[String(index + 1)]]
                + (try X12ItemIdentification.elements(gtin: line.gtin, sku: line.sku, skuQualifier: settings.skuQualifier))))
            segments.append(EDISegment("QTY", [settings.inventoryQuantityQualifier], [String(line.quantity)], [settings.unit]))
        }
        segments.append(EDISegment("CTT", [String(lines.count)]))
        return segments
    }
}
