public import Foundation

/// Turns one source row's text fields into a `Product`, or says why it cannot: the rules shared by every
/// source format (SKU present, GTIN check digit, non-negative whole stock, decimal price, dates).
struct CatalogRowValidator: Sendable {
    /// The fields of one row, by meaning, still as text.
    public struct Fields: Sendable {
        /// `sku`; required.
        public var sku: String?
        /// `gtin`; optional, check digit verified.
        public var gtin: String?
        /// `name_ru` (JSON: or `names.ru`); required.
        public var nameRU: String?
        /// `name_zh` (JSON: or `names.zh`).
        public var nameZH: String?
        /// `name_en` (JSON: or `names.en`).
        public var nameEN: String?
        /// `unit`; `pcs` when empty.
        public var unit: String?
        /// `price_rub`: a decimal in roubles above 0; required.
        public var price: String?
        /// `stock`: whole units; 0 when empty.
        public var stock: String?
        /// `warehouse`; `main` when empty.
        public var warehouse: String?
        /// `lot`; `-` when empty.
        public var lot: String?
        /// `expires_on`, `yyyy-MM-dd`.
        public var expiresOn: String?
        /// `produced_on`, `yyyy-MM-dd`; not after `expires_on`.
        public var producedOn: String?
        /// The channel-side id per channel (`listing:<channel>` columns, the JSON `listings` object); empty ones dropped.
        public var listings: [ChannelID: String]
        /// Fields as read; a field the source does not have is nil.
        public init(sku: String? = nil, gtin: String? = nil, nameRU: String? = nil, nameZH: String? = nil,
                    nameEN: String? = nil, unit: String? = nil, price: String? = nil, stock: String? = nil,
                    warehouse: String? = nil, lot: String? = nil, expiresOn: String? = nil,
                    producedOn: String? = nil, listings: [ChannelID: String] = [:]) {
            self.sku = sku
            self.gtin = gtin
            self.nameRU = nameRU
            self.nameZH = nameZH
            self.nameEN = nameEN
            self.unit = unit
            self.price = price
            self.stock = stock
            self.warehouse = warehouse
            self.lot = lot
            self.expiresOn = expiresOn
            self.producedOn = producedOn
            self.listings = listings
        }
    }

    /// A validator. It keeps no state.
    public init() {}

    /// The product, or the reason the row is rejected.
    public func product(from fields: Fields) -> Result<Product, RowProblem> {
        guard let skuText = fields.sku?.trimmingWhitespace(), !skuText.isEmpty else {
            return .failure(RowProblem("sku is empty"))
        }
        let sku = SKU(skuText)
        guard skuText.count <= 64, !skuText.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            return .failure(RowProblem("sku must be at most 64 characters without spaces", sku: sku))
        }
        var gtin: GTIN?
        if let text = fields.gtin?.trimmingWhitespace(), !text.isEmpty {
            do { gtin = try GTIN(validating: text) } catch {
                return .failure(RowProblem("gtin \"\(text)\": \(error.description)", sku: sku))
            }
        }
        guard let priceText = fields.price?.trimmingWhitespace(), !priceText.isEmpty else {
            return .failure(RowProblem("price_rub is empty", sku: sku))
        }
        guard let price = Money.parseDecimal(priceText, currency: .rub) else {
            return .failure(RowProblem("price_rub \"\(priceText)\" is not a decimal like 129.90 or 129,90", sku: sku))
        }
        guard price.minorUnits > 0 else { return .failure(RowProblem("price_rub must be above zero", sku: sku)) }
        guard price.minorUnits <= ValueRanges.basePriceMinor.upperBound else {
            return .failure(RowProblem("price_rub \"\(priceText)\" is above \(ValueRanges.basePriceMinor.upperBound / 100) RUB", sku: sku))
        }
        let stockText = fields.stock?.trimmingWhitespace() ?? ""
        guard let stock = WholeNumber.parse(stockText.isEmpty ? "0" : stockText) else {
            return .failure(RowProblem("stock \"\(stockText)\" is not a whole number", sku: sku))
        }
        guard stock >= 0 else { return .failure(RowProblem("stock \(stock) is negative", sku: sku)) }
        guard stock <= ValueRanges.quantity.upperBound else {
            return .failure(RowProblem("stock \"\(stockText)\" must be a whole number from 0 to \(ValueRanges.quantity.upperBound)", sku: sku))
        }
        var expires: Date?
        if let text = fields.expiresOn?.trimmingWhitespace(), !text.isEmpty {
            guard let date = CalendarDate.parse(text) else {
                return .failure(RowProblem("expires_on \"\(text)\" is not a date like 2026-12-31", sku: sku))
            }
            expires = date
        }
        var produced: Date?
        if let text = fields.producedOn?.trimmingWhitespace(), !text.isEmpty {
            guard let date = CalendarDate.parse(text) else {
                return .failure(RowProblem("produced_on \"\(text)\" is not a date like 2026-06-30", sku: sku))
            }
            if let expires, date > expires {
                return .failure(RowProblem("produced_on \(text) is after expires_on", sku: sku))
            }
            produced = date
        }
        let nameRU = fields.nameRU?.trimmingWhitespace() ?? ""
        guard !nameRU.isEmpty else { return .failure(RowProblem("name_ru is empty", sku: sku)) }
        let warehouse = fields.warehouse?.trimmingWhitespace() ?? ""
        let lot = fields.lot?.trimmingWhitespace() ?? ""
        let lots = stock == 0 && expires == nil ? [] : [StockLot(warehouse: warehouse.isEmpty ? "main" : warehouse,
                                                                 lot: lot.isEmpty ? "-" : lot, quantity: stock, expiresOn: expires,
                                                                 producedOn: produced)]
        var listings: [ChannelID: String] = [:]
        for (channel, value) in fields.listings {
            let trimmed = value.trimmingWhitespace()
            if !trimmed.isEmpty { listings[channel] = trimmed }
        }
        return .success(Product(
            sku: sku, gtin: gtin,
            names: LocalizedNames(ru: nameRU, zh: fields.nameZH?.trimmingWhitespace() ?? "", en: fields.nameEN?.trimmingWhitespace() ?? ""),
            unit: fields.unit.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 } ?? "pcs",
            basePrice: price, lots: lots, listings: listings))
    }
}

/// Why one row was rejected.
struct RowProblem: Error, Sendable, Equatable {
    /// Why, for `file:line: reason`.
    public var reason: String
    /// The row's SKU when it could be read, so the rejection names it.
    public var sku: SKU?
    /// A problem with `reason`, naming `sku` when known.
    public init(_ reason: String, sku: SKU? = nil) {
        self.reason = reason
        self.sku = sku
    }
}

/// Calendar dates (`yyyy-MM-dd`) as the start of that day in UTC.
public enum CalendarDate {
    /// Parses `2026-12-31` strictly.
    public static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day else { return nil }
        return date
    }

    /// `2026-12-31` for a date, in UTC.
    public static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        func pad(_ v: Int?, _ width: Int) -> String {
            let s = String(v ?? 0)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }
}
