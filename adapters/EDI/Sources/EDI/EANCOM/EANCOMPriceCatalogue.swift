public import Foundation
public import MarketSync

/// One line of a price catalogue: a product, its name and its price.
public struct EANCOMPriceLine: Hashable, Sendable {
    /// The product's GTIN (`LIN`).
    public var gtin: GTIN
    /// Our SKU (`PIA+1+…:SA`).
    public var sku: SKU
    /// The product's name (`IMD`), when there is one; left out when the character set cannot carry it.
    public var description: String?
    /// The net price of one unit (`PRI+AAA`), in the catalogue's currency.
    public var price: Money

    /// A line for `sku` at `price`.
    public init(gtin: GTIN, sku: SKU, description: String? = nil, price: Money) {
        self.gtin = gtin
        self.sku = sku
        self.description = description
        self.price = price
    }
}

/// A PRICAT price/sales catalogue: the prices we offer a chain.
///
/// `BGM+9+<number>+9`, `DTM+137` (document date), `DTM+194` (valid from, when given), `NAD+SU`, `NAD+BY`,
/// `CUX+2:<currency>:8` (reference currency, price list currency), then per line `LIN`, `PIA+1+<SKU>:SA`,
/// `IMD+F++:::<name>` and `PRI+AAA:<price>` (net price).
///
/// A name the character set cannot carry (Cyrillic or Chinese in `UNOC`) is left out, never transliterated:
/// the GTIN and the SKU identify the product, and the chain's master data holds its registered name
/// (docs/edi.md, "Names the character set cannot carry"). `omittedDescriptions(settings:)` lists those lines.
public struct EANCOMPriceCatalogue: Hashable, Sendable {
    /// The catalogue number (`BGM` `1004`), 1 to 35 characters.
    public var number: String
    /// When the catalogue was made; written as its day in the chain's time zone.
    public var date: Date
    /// The first day the prices apply (`DTM+194`), when the chain wants one.
    public var validFrom: CalendarDay?
    /// The lines, in the order they are written.
    public var lines: [EANCOMPriceLine]

    /// A catalogue of `lines`.
    public init(number: String, date: Date, validFrom: CalendarDay? = nil, lines: [EANCOMPriceLine]) {
        self.number = number
        self.date = date
        self.validFrom = validFrom
        self.lines = lines
    }

    /// The longest name `IMD` carries: two item description components of 35 characters (`C273/7008`).
    public static let maximumDescriptionLength = 70

    /// The message body for `settings`' chain. Throws `validation` for a catalogue with no lines, a price in
    /// another currency than the chain's or below zero, or a SKU too long for `PIA` (naming the SKU).
    public func body(settings: EANCOMSettings) throws -> EANCOMMessageBody {
        guard !lines.isEmpty else {
            throw MarketSyncError(.validation, "a price catalogue needs at least one line", channel: settings.partner, key: "LIN")
        }
        var segments = [try EANCOMSegments.beginning("9", number: number, function: "9"),
                        EANCOMSegments.date("137", EDIDateFormat.ccyymmdd(date, in: settings.timeZone))]
        if let validFrom { segments.append(EANCOMSegments.date("194", EDIDateFormat.ccyymmdd(validFrom))) }
        segments += [EANCOMSegments.party("SU", settings.supplier), EANCOMSegments.party("BY", settings.buyer),
                     EDISegment("CUX", ["2", settings.currency.rawValue, "8"])]
        for (index, line) in lines.enumerated() {
            guard line.price.currency == settings.currency else {
                throw MarketSyncError(.validation, "the price is in \(line.price.currency), the catalogue in \(settings.currency)",
                                      channel: settings.partner, sku: line.sku, key: "PRI")
            }
            guard line.price.minorUnits >= 0 else {
                throw MarketSyncError(.validation, "a price cannot be negative", channel: settings.partner, sku: line.sku, key: "PRI")
            }
            segments.append(EANCOMSegments.line(index + 1, gtin: line.gtin))
            segments.append(try EANCOMSegments.supplierArticle(line.sku))
            if let name = Self.sendableDescription(line.description, settings: settings) {
                let first = String(name.prefix(35))
                let rest = String(name.dropFirst(35))
                segments.append(EDISegment("IMD", ["F"], [], ["", "", "", first] + (rest.isEmpty ? [] : [rest])))
            }
            segments.append(EDISegment("PRI", ["AAA", EDIDecimal.text(hundredths: line.price.minorUnits,
                                                                      decimalMark: settings.characters.decimalMark)]))
        }
        return EANCOMMessageBody(type: .pricat, segments: segments)
    }

    /// The SKUs whose names `body(settings:)` leaves out because the character set cannot carry them.
    public func omittedDescriptions(settings: EANCOMSettings) -> [SKU] {
        lines.filter { line in
            guard let description = line.description, !description.trimmingWhitespace().isEmpty else { return false }
            return Self.sendableDescription(description, settings: settings) == nil
        }.map(\.sku)
    }

    /// The name as written: trimmed, cut at `maximumDescriptionLength`; nil when empty or not in the character set.
    static func sendableDescription(_ description: String?, settings: EANCOMSettings) -> String? {
        guard let description else { return nil }
        let trimmed = String(description.trimmingWhitespace().prefix(maximumDescriptionLength))
        guard !trimmed.isEmpty, settings.characterSet.canEncode(trimmed) else { return nil }
        return trimmed
    }
}
