import Foundation
import MarketSync

/// Small CommerceML 2 packages as 1C writes them (Yugra products, Russian names, price types and warehouses),
/// written into a temporary folder.
struct CommerceMLFixture {
    struct Item {
        var id: String
        var article: String
        var name: String
        var barcode: String?
        var zh: String?
        var epinduo: String?
        var deleted = false
        var extra = ""
    }

    struct Offer {
        var id: String
        var prices: [(type: String, price: String)] = []
        var quantity: String?
        var warehouses: [(id: String, quantity: String)] = []
        var extra = ""
    }

    static func id(_ n: Int) -> String { "7f3c2a10-000\(n)-4b1e-9a00-00000000000\(n)" }

    static let items = [
        Item(id: id(1), article: "YUG-CN-200", name: "Орех кедровый очищенный 200 г", barcode: "4601234500012", zh: "松子仁 200克", epinduo: "100001:200001"),
        Item(id: id(2), article: "YUG-LB-300", name: "Варенье брусничное 300 г", barcode: "4601234500029", zh: "越橘果酱 300克", epinduo: "100002:200002"),
        Item(id: id(3), article: "YUG-MK-300", name: "Муксун холодного копчения 300 г", barcode: "4601234500036", zh: nil, epinduo: "100003:200003"),
        Item(id: id(4), article: "YUG-HL-250", name: "Халва кедровая 250 г", barcode: nil, zh: "雪松坚果酥糖 250克", epinduo: nil),
    ]

    static let offers = [
        Offer(id: id(1), prices: [("pt-retail", "563.00"), ("pt-opt", "480.00")], quantity: "120", warehouses: [("wh-khm", "80"), ("wh-srg", "40")]),
        Offer(id: id(2), prices: [("pt-retail", "320,00"), ("pt-opt", "270,00")], quantity: "35"),
        Offer(id: id(3), prices: [("pt-retail", "1 450.00"), ("pt-opt", "1 200.00")], quantity: "12.000", warehouses: [("wh-khm", "12.000"), ("wh-srg", "0")]),
        Offer(id: id(4), prices: [("pt-retail", "410.00"), ("pt-opt", "350.00")], quantity: "0"),
    ]

    static func importXML(_ items: [Item], onlyChanges: Bool = false, extra: String = "") -> String {
        var products = ""
        for item in items {
            products += """
                  <Товар>
                    <Ид>\(item.id)</Ид>
                    <НомерВерсии>AAAAAADE2k0=</НомерВерсии>
                    <ПометкаУдаления>\(item.deleted)</ПометкаУдаления>
                    <Штрихкод>\(item.barcode ?? "")</Штрихкод>
                    <Артикул>\(item.article)</Артикул>
                    <Наименование>\(item.name)</Наименование>
                    <БазоваяЕдиница Код="796" НаименованиеПолное="Штука" МеждународноеСокращение="PCE">шт</БазоваяЕдиница>
                    <Группы><Ид>grp-nuts</Ид></Группы>
                    <Описание>Продукт Югры</Описание>
                    <Картинка>import_files/7f/\(item.id).jpg</Картинка>
                    <Страна>РОССИЯ</Страна>
                    <ЗначенияСвойств>
                      <ЗначенияСвойства><Ид>prop-zh</Ид><Значение>\(item.zh ?? "")</Значение></ЗначенияСвойства>
                      <ЗначенияСвойства><Ид>prop-brand</Ид><Значение>Дары Югры</Значение></ЗначенияСвойства>
                    </ЗначенияСвойств>
                    <СтавкиНалогов><СтавкаНалога><Наименование>НДС</Наименование><Ставка>10</Ставка></СтавкаНалога></СтавкиНалогов>
                    <ЗначенияРеквизитов>
                      <ЗначениеРеквизита><Наименование>ВидНоменклатуры</Наименование><Значение>Товар</Значение></ЗначениеРеквизита>
                      \(item.epinduo.map { "<ЗначениеРеквизита><Наименование>Код Epinduo</Наименование><Значение>\($0)</Значение></ЗначениеРеквизита>" } ?? "")
                      <ЗначениеРеквизита><Наименование>Вес</Наименование><Значение>0.2</Значение></ЗначениеРеквизита>
                    </ЗначенияРеквизитов>\(item.extra)
                  </Товар>

            """
        }
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <КоммерческаяИнформация ВерсияСхемы="2.05" ДатаФормирования="2026-03-01T08:00:00">
          <Классификатор>
            <Ид>cls-yugra-01</Ид>
            <Наименование>Классификатор (Основной каталог товаров)</Наименование>
            <Группы><Группа><Ид>grp-nuts</Ид><Наименование>Орехи</Наименование></Группа></Группы>
            <Свойства>
              <Свойство><Ид>prop-zh</Ид><Наименование>Название (кит.)</Наименование><ТипЗначений>Строка</ТипЗначений></Свойство>
              <Свойство><Ид>prop-brand</Ид><Наименование>Бренд</Наименование><ТипЗначений>Строка</ТипЗначений></Свойство>
            </Свойства>
          </Классификатор>
          <Каталог СодержитТолькоИзменения="\(onlyChanges)">
            <Ид>cat-yugra-01</Ид>
            <ИдКлассификатора>cls-yugra-01</ИдКлассификатора>
            <Наименование>Основной каталог товаров</Наименование>\(extra)
            <Товары>
        \(products)    </Товары>
          </Каталог>
        </КоммерческаяИнформация>

        """
    }

    static func offersXML(_ offers: [Offer], onlyChanges: Bool = false, priceTypes: Bool = true, extra: String = "") -> String {
        var body = ""
        for offer in offers {
            var prices = ""
            for (type, price) in offer.prices {
                prices += """
                          <Цена>
                            <Представление>\(price) руб. за шт</Представление>
                            <ИдТипаЦены>\(type)</ИдТипаЦены>
                            <ЦенаЗаЕдиницу>\(price)</ЦенаЗаЕдиницу>
                            <Валюта>руб</Валюта>
                            <Единица>шт</Единица>
                            <Коэффициент>1</Коэффициент>
                          </Цена>

                """
            }
            let warehouses = offer.warehouses.map { "        <Склад ИдСклада=\"\($0.id)\" КоличествоНаСкладе=\"\($0.quantity)\"/>\n" }.joined()
            body += """
                  <Предложение>
                    <Ид>\(offer.id)</Ид>
                    <Наименование>-</Наименование>
                    <БазоваяЕдиница Код="796" НаименованиеПолное="Штука">шт</БазоваяЕдиница>
                    <Цены>
            \(prices)        </Цены>
            \(offer.quantity.map { "        <Количество>\($0)</Количество>\n" } ?? "")\(warehouses)\(offer.extra)
                  </Предложение>

            """
        }
        let types = priceTypes ? """
            <ТипыЦен>
              <ТипЦены><Ид>pt-retail</Ид><Наименование>Розничная</Наименование><Валюта>RUB</Валюта>
                <Налог><Наименование>НДС</Наименование><УчтеноВСумме>true</УчтеноВСумме></Налог></ТипЦены>
              <ТипЦены><Ид>pt-opt</Ид><Наименование>Оптовая</Наименование><Валюта>RUB</Валюта></ТипЦены>
              <ТипЦены><Ид>pt-cny</Ид><Наименование>Розница КНР</Наименование><Валюта>CNY</Валюта></ТипЦены>
            </ТипыЦен>
            <Склады>
              <Склад><Ид>wh-khm</Ид><Наименование>Склад Ханты-Мансийск</Наименование></Склад>
              <Склад><Ид>wh-srg</Ид><Наименование>Склад Сургут</Наименование></Склад>
            </Склады>
        """ : ""
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <КоммерческаяИнформация ВерсияСхемы="2.05" ДатаФормирования="2026-03-01T08:05:00">
          <ПакетПредложений СодержитТолькоИзменения="\(onlyChanges)">
            <Ид>cat-yugra-01#</Ид>
            <Наименование>Пакет предложений (Основной каталог товаров)</Наименование>
            <ИдКаталога>cat-yugra-01</ИдКаталога>
            <ИдКлассификатора>cls-yugra-01</ИдКлассификатора>
        \(types)\(extra)
            <Предложения>
        \(body)    </Предложения>
          </ПакетПредложений>
        </КоммерческаяИнформация>

        """
    }

    /// A temporary folder holding the named files; removed by `remove()`.
    let folder: URL

    init(files: [String: String]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("commerceml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try write(text, to: name) }
    }

    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Settings reading `import.xml` and `offers.xml` of the folder with the retail price type, Chinese names
    /// from the classifier's property and Epinduo listings from a requisite.
    func settings(priceType: String = "Розничная", importFile: Bool = true, offersFile: Bool = true) -> CommerceMLSettings {
        CommerceMLSettings(importFile: importFile ? path("import.xml") : nil, offersFile: offersFile ? path("offers.xml") : nil,
                           priceType: priceType, nameZH: "Название (кит.)", listings: ["epinduo": .value(named: "Код Epinduo")],
                           warehouses: ["wh-khm": "khanty-mansiysk"])
    }

    /// The line of the first line of `file` containing `text`.
    func line(of text: String, in file: String) throws -> Int {
        let content = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        let lines = content.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { $0.contains(text) }) else { return -1 }
        return index + 1
    }
}
