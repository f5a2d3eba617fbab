/// One `Предложение` of `offers.xml` as written, before any check.
struct CommerceMLOfferRecord: Sendable {
    /// One `Цена` of the offer.
    struct Price: Sendable {
        /// `ИдТипаЦены`.
        var typeID = ""
        /// `ЦенаЗаЕдиницу`, as written.
        var perUnit: String?
        /// `Валюта`.
        var currency: String?
        /// `Коэффициент`: how many base units the price is for.
        var coefficient: String?
    }

    /// The stock of one warehouse: `<Склад ИдСклада="…" КоличествоНаСкладе="…"/>`, or
    /// `Остатки/Остаток/Склад` with `Ид` and `Количество`.
    struct WarehouseStock: Sendable {
        /// The warehouse's `Ид`.
        var warehouse = ""
        /// The quantity, as written.
        var quantity: String?
    }

    /// `Ид`: the product's `Ид`, or `product#characteristic` for a variant.
    var id = ""
    /// The line its start tag is on.
    var line: Int
    /// Every `Цены/Цена`.
    var prices: [Price] = []
    /// `Количество` (or `Остатки/Остаток/Количество`): the total, as written.
    var quantity: String?
    /// The stock of each warehouse, in file order.
    var stocks: [WarehouseStock] = []

    /// A record starting on `line`.
    init(line: Int) { self.line = line }
}
