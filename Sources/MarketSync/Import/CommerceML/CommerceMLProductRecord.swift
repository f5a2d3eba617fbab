/// One `Товар` of `import.xml` as written, before any check.
struct CommerceMLProductRecord: Sendable {
    /// `Ид`: 1C's identifier, joining the product to its offer.
    var id = ""
    /// The line its start tag is on.
    var line: Int
    /// `Артикул`.
    var article: String?
    /// `Наименование`: the Russian name.
    var name: String?
    /// `Штрихкод` (the first one when several are given).
    var barcode: String?
    /// `БазоваяЕдиница`: its text, else its `НаименованиеКраткое` attribute.
    var unit: String?
    /// `ЗначенияРеквизитов`: each requisite's `Значение` by its `Наименование`.
    var requisites: [String: String] = [:]
    /// `ЗначенияСвойств`: each property's `Значение` by the property's `Ид`.
    var properties: [String: String] = [:]
    /// `ПометкаУдаления` is true, or `Статус` is `Удален`.
    var deleted = false

    /// A record starting on `line`.
    init(line: Int) { self.line = line }
}
