public import MarketSync

/// One line of an 832: a product, its name and its price.
public struct X12PriceLine: Hashable, Sendable {
    /// The product's GTIN.
    public var gtin: GTIN
    /// Our SKU.
    public var sku: SKU
    /// The product's name (`PID05`), left out when it holds a delimiter or anything but printable ASCII.
    public var description: String?
    /// The price of one unit (`CTP03`), in the partner's currency.
    public var price: Money

    /// A line for `sku` at `price`.
    public init(gtin: GTIN, sku: SKU, description: String? = nil, price: Money) {
        self.gtin = gtin
        self.sku = sku
        self.description = description
        self.price = price
    }
}

/// An 832 Price/Sales Catalog: our prices for a partner.
///
/// `BCT*<purpose>*<number>`, `DTM*007*<CCYYMMDD>` (effective, when given), `CUR*SE*<currency>`, then per line
/// `LIN*<n>*UP*<GTIN>*SK*<SKU>`, `PID*F****<name>` and `CTP**UCP*<price>`, then `CTT*<lines>`. A name X12 cannot
/// carry (a delimiter inside, Cyrillic or Chinese) is left out, never transliterated, as in PRICAT.
public struct X12PriceCatalog: Hashable, Sendable {
    /// The catalog number (`BCT02`), 1 to 15 characters.
    public var number: String
    /// The first day the prices apply (`DTM*007`), when the partner wants one.
    public var effectiveDate: CalendarDay?
    /// The lines, in order.
    public var lines: [X12PriceLine]

    /// A catalog of `lines`.
    public init(number: String, effectiveDate: CalendarDay? = nil, lines: [X12PriceLine]) {
        self.number = number
        self.effectiveDate = effectiveDate
        self.lines = lines
    }

    /// The longest name written (`PID05` is at most 80 characters).
    public static let maximumDescriptionLength = 80

    /// The transaction set's segments. Throws `validation` for no lines, a price in another currency or below
    /// zero, or a catalog number of the wrong length.
    public func segments(settings: X12Settings) throws -> [EDISegment] {
        guard !lines.isEmpty else {
            throw MarketSyncError(.validation, "an 832 needs at least one line", channel: settings.partner, key: "LIN")
        }
        guard !number.isEmpty, number.count <= 15 else {
            throw MarketSyncError(.validation, "BCT02 must have 1 to 15 characters", channel: settings.partner, key: "BCT02")
        }
        var segments = [EDISegment("BCT", [settings.catalogPurposeCode], [number])]
        if let effectiveDate { segments.append(EDISegment("DTM", ["007"], [EDIDateFormat.ccyymmdd(effectiveDate)])) }
        segments.append(EDISegment("CUR", ["SE"], [settings.currency.rawValue]))
        for (index, line) in lines.enumerated() {
            guard line.price.currency == settings.currency else {
                throw MarketSyncError(.validation, "the price is in \(line.price.currency), the catalog in \(settings.currency)",
                                      channel: settings.partner, sku: line.sku, key: "CTP03")
            }
            guard line.price.minorUnits >= 0 else {
                throw MarketSyncError(.validation, "a price cannot be negative", channel: settings.partner, sku: line.sku, key: "CTP03")
            }
            segments.append(EDISegment(tag: "LIN", elements: [[String(index + 1)]]
                + (try X12ItemIdentification.elements(gtin: line.gtin, sku: line.sku, skuQualifier: settings.skuQualifier))))
            if let name = Self.sendableDescription(line.description, separators: settings.separators) {
                segments.append(EDISegment("PID", ["F"], [], [], [], [name]))
            }
            segments.append(EDISegment("CTP", [], [settings.priceIdentifier], [EDIDecimal.text(hundredths: line.price.minorUnits)]))
        }
        segments.append(EDISegment("CTT", [String(lines.count)]))
        return segments
    }

    /// The SKUs whose names `segments(settings:)` leaves out.
    public func omittedDescriptions(settings: X12Settings) -> [SKU] {
        lines.filter { line in
            guard let description = line.description, !description.trimmingWhitespace().isEmpty else { return false }
            return Self.sendableDescription(description, separators: settings.separators) == nil
        }.map(\.sku)
    }

    static func sendableDescription(_ description: String?, separators: X12Separators) -> String? {
        guard let description else { return nil }
        let trimmed = String(description.trimmingWhitespace().prefix(maximumDescriptionLength))
        guard !trimmed.isEmpty, trimmed.allSatisfy({ character in
            guard let ascii = character.asciiValue else { return false }
            return (0x20...0x7E).contains(ascii) && !separators.isDelimiter(character)
        }) else { return nil }
        return trimmed
    }
}
