public import Foundation
public import MarketSync

/// One line of an inventory report: a product and its stock.
public struct EANCOMStockLine: Hashable, Sendable {
    /// The product's GTIN (`LIN`).
    public var gtin: GTIN
    /// Our SKU (`PIA+1+…:SA`).
    public var sku: SKU
    /// Units in stock, offered to the chain (`QTY+145`, actual stock); never negative.
    public var quantity: Int64

    /// A line for `sku` with `quantity` units.
    public init(gtin: GTIN, sku: SKU, quantity: Int64) {
        self.gtin = gtin
        self.sku = sku
        self.quantity = quantity
    }
}

/// An INVRPT inventory report: the stock we offer a chain, line by line.
///
/// `BGM+35+<number>+9`, `DTM+137` (document date), `NAD+SU` (us) and `NAD+WH` (the warehouse, when given),
/// then per line `LIN` (GTIN), `PIA+1+<SKU>:SA` and `QTY+145:<units>` (EANCOM 1997, INVRPT).
public struct EANCOMInventoryReport: Hashable, Sendable {
    /// The report number (`BGM` `1004`), 1 to 35 characters.
    public var number: String
    /// When the report was made; written as its day in the chain's time zone.
    public var date: Date
    /// The warehouse the stock is in (`NAD+WH`), when the chain wants it named.
    public var warehouse: GLN?
    /// The lines, in the order they are written.
    public var lines: [EANCOMStockLine]

    /// A report of `lines`.
    public init(number: String, date: Date, warehouse: GLN? = nil, lines: [EANCOMStockLine]) {
        self.number = number
        self.date = date
        self.warehouse = warehouse
        self.lines = lines
    }

    /// The message body for `settings`' chain. Throws `validation` for a report with no lines, a negative
    /// quantity or a SKU too long for `PIA` (naming the SKU).
    public func body(settings: EANCOMSettings) throws -> EANCOMMessageBody {
        guard !lines.isEmpty else {
            throw MarketSyncError(.validation, "an inventory report needs at least one line", channel: settings.partner, key: "LIN")
        }
        var segments = [try EANCOMSegments.beginning("35", number: number, function: "9"),
                        EANCOMSegments.date("137", EDIDateFormat.ccyymmdd(date, in: settings.timeZone)),
                        EANCOMSegments.party("SU", settings.supplier)]
        if let warehouse { segments.append(EANCOMSegments.party("WH", warehouse)) }
        for (index, line) in lines.enumerated() {
            guard line.quantity >= 0 else {
                throw MarketSyncError(.validation, "a stock quantity cannot be negative (\(line.quantity))", channel: settings.partner,
                                      sku: line.sku, key: "QTY")
            }
            segments.append(EANCOMSegments.line(index + 1, gtin: line.gtin))
            segments.append(try EANCOMSegments.supplierArticle(line.sku))
            segments.append(EDISegment("QTY", ["145", String(line.quantity)] + (settings.quantityUnit.map { [$0] } ?? [])))
        }
        return EANCOMMessageBody(type: .invrpt, segments: segments)
    }
}
