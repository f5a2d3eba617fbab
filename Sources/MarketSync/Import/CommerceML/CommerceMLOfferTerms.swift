/// What a checked `Предложение` sets: the base price of the configured price type and the stock by warehouse.
struct CommerceMLOfferTerms: Sendable {
    /// The price type chosen for the base price: its `Ид`, and its currency when the package lists it.
    struct PriceType: Sendable {
        /// `Ид` of the `ТипЦены`.
        var id: String
        /// What the configuration called it (for messages).
        var label: String
        /// `Валюта` of the `ТипЦены`, when given.
        var currency: String?
    }

    /// The base price, or `.keep`.
    var price: ProductPatch.Field<Money> = .keep
    /// The lots, one per warehouse with stock, or `.keep` when the offer gives no quantity.
    var lots: ProductPatch.Field<[StockLot]> = .keep

    /// Checks the offer's price and quantities. `full`: the package is a full one, so an offer without a price of
    /// the type is a problem (a delta keeps the stored price).
    static func make(_ record: CommerceMLOfferRecord, priceType: PriceType?, settings: CommerceMLSettings,
                     full: Bool) -> Result<CommerceMLOfferTerms, RowProblem> {
        var terms = CommerceMLOfferTerms()
        if let priceType, let price = record.prices.first(where: { $0.typeID == priceType.id }) {
            switch money(price, priceType: priceType) {
            case let .success(money): terms.price = .set(money)
            case let .failure(problem): return .failure(problem)
            }
        } else if full {
            return .failure(RowProblem("no price of type \"\(priceType?.label ?? settings.priceType)\""))
        }
        if !record.stocks.isEmpty {
            var lots: [StockLot] = []
            var seen: Set<String> = []
            for stock in record.stocks {
                guard seen.insert(stock.warehouse).inserted else {
                    return .failure(RowProblem("warehouse \(stock.warehouse) appears twice"))
                }
                switch quantity(stock.quantity, what: "the quantity of warehouse \(stock.warehouse)") {
                case let .success(units):
                    if units > 0 {
                        lots.append(StockLot(warehouse: settings.warehouses[stock.warehouse] ?? stock.warehouse, lot: "-", quantity: units))
                    }
                case let .failure(problem): return .failure(problem)
                }
            }
            terms.lots = .set(lots)
        } else if let total = record.quantity {
            switch quantity(total, what: "Количество") {
            case let .success(units): terms.lots = .set(units > 0 ? [StockLot(warehouse: "main", lot: "-", quantity: units)] : [])
            case let .failure(problem): return .failure(problem)
            }
        }
        return .success(terms)
    }

    /// `ЦенаЗаЕдиницу` as roubles: a decimal above 0, in roubles, for one base unit (`Коэффициент` 1).
    static func money(_ price: CommerceMLOfferRecord.Price, priceType: PriceType) -> Result<Money, RowProblem> {
        let text = price.perUnit ?? ""
        guard let money = Money.parseDecimal(text, currency: .rub) else {
            return .failure(RowProblem("ЦенаЗаЕдиницу \"\(text)\" is not a decimal like 129.90 or 129,90"))
        }
        guard money.minorUnits > 0 else { return .failure(RowProblem("ЦенаЗаЕдиницу must be above zero")) }
        guard money.minorUnits <= ValueRanges.basePriceMinor.upperBound else {
            return .failure(RowProblem("ЦенаЗаЕдиницу \"\(text)\" is above \(ValueRanges.basePriceMinor.upperBound / 100) RUB"))
        }
        if let currency = price.currency ?? priceType.currency, !currency.isEmpty, !isRouble(currency) {
            return .failure(RowProblem("the price is in \(currency): base prices are in roubles"))
        }
        if let coefficient = price.coefficient, !coefficient.isEmpty, wholeUnits(coefficient) != 1 {
            return .failure(RowProblem("Коэффициент \(coefficient): the price is for \(coefficient) units, and only prices per base unit "
                                       + "(Коэффициент 1) are read"))
        }
        return .success(money)
    }

    /// A quantity as whole units from 0 up to the range's top: `12`, `12.000`, `1 150`; not `12.5`, not negative.
    static func quantity(_ text: String?, what: String) -> Result<Int64, RowProblem> {
        let written = text?.trimmingXMLWhitespace() ?? ""
        guard let units = wholeUnits(written) else {
            return .failure(RowProblem("\(what) \"\(written)\" is not a whole number"))
        }
        guard units >= 0 else { return .failure(RowProblem("\(what) \(written) is negative")) }
        guard units <= ValueRanges.quantity.upperBound else {
            return .failure(RowProblem("\(what) \"\(written)\" must be a whole number from 0 to \(ValueRanges.quantity.upperBound)"))
        }
        return .success(units)
    }

    /// A whole number, allowing a fraction of zeros (`12.000`, `12,0`) as 1C writes quantities.
    static func wholeUnits(_ text: String) -> Int64? {
        var body = text.trimmingXMLWhitespace()
        if let separator = body.firstIndex(where: { $0 == "." || $0 == "," }) {
            let fraction = body[body.index(after: separator)...]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0 == "0" }) else { return nil }
            body = String(body[..<separator])
        }
        return WholeNumber.parse(body)
    }

    /// A currency 1C writes for roubles: `RUB`, `RUR`, `руб`, `руб.` or the ISO number `643`.
    static func isRouble(_ text: String) -> Bool {
        ["rub", "rur", "руб", "руб.", "643"].contains(text.trimmingWhitespace().lowercased())
    }
}
