/// The CommerceML element names the readers act on; every other name is `.other`. ``XMLElementStream`` turns each
/// name into one of these once per event (by its UTF-8 bytes), so the readers compare small enums, not Cyrillic
/// strings (an unequal comparison of non-ASCII strings normalizes both).
enum CommerceMLElement: String, CaseIterable, Sendable {
    case root = "КоммерческаяИнформация"
    case classifier = "Классификатор"
    case properties = "Свойства"
    case property = "Свойство"
    case productProperty = "СвойствоНоменклатуры"
    case id = "Ид"
    case name = "Наименование"
    case catalogue = "Каталог"
    case onlyChanges = "СодержитТолькоИзменения"
    case products = "Товары"
    case product = "Товар"
    case article = "Артикул"
    case barcode = "Штрихкод"
    case baseUnit = "БазоваяЕдиница"
    case deletionMark = "ПометкаУдаления"
    case status = "Статус"
    case requisites = "ЗначенияРеквизитов"
    case requisite = "ЗначениеРеквизита"
    case value = "Значение"
    case propertyValues = "ЗначенияСвойств"
    case propertyValue = "ЗначенияСвойства"
    case offersPackage = "ПакетПредложений"
    case priceTypes = "ТипыЦен"
    case priceType = "ТипЦены"
    case currency = "Валюта"
    case offers = "Предложения"
    case offer = "Предложение"
    case quantity = "Количество"
    case warehouse = "Склад"
    case prices = "Цены"
    case price = "Цена"
    case priceTypeID = "ИдТипаЦены"
    case perUnit = "ЦенаЗаЕдиницу"
    case coefficient = "Коэффициент"
    case remainders = "Остатки"
    case remainder = "Остаток"
    /// Any element the readers do not act on.
    case other = ""

    /// The names by their UTF-8 length, then bytes: a name is compared only with those of its length.
    private static let byLength: [Int: [([UInt8], CommerceMLElement)]] = Dictionary(
        grouping: allCases.filter { $0 != .other }.map { (Array($0.rawValue.utf8), $0) }, by: { $0.0.count })

    /// The element called `name`, or `.other`.
    init(named name: String) {
        var name = name
        self = name.withUTF8 { bytes in
            for (candidate, element) in Self.byLength[bytes.count] ?? [] where candidate.elementsEqual(bytes) { return element }
            return .other
        }
    }
}

extension String {
    /// The text without leading and trailing XML whitespace (space, tab, CR, LF), found byte by byte: the
    /// readers trim every value they keep, and `trimmingWhitespace()` walks characters.
    func trimmingXMLWhitespace() -> String {
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while start < end, isSpace(bytes[start]) { start = bytes.index(after: start) }
        while end > start, isSpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        if start == bytes.startIndex && end == bytes.endIndex { return self }
        return String(self[start..<end])
    }
}

extension CommerceMLElement: XMLElementName {}
