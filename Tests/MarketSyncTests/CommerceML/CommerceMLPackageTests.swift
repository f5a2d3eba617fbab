import Foundation
import MarketSync
@testable import MarketSyncStore
import Testing

/// A CommerceML 2 package from 1C imported into a real store through the streamed import: the full package, a
/// delta, the price type, warehouses as lots, rejected rows with their place.
@Suite struct CommerceMLPackageTests {
    typealias F = CommerceMLFixture
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    func importPackage(_ settings: CommerceMLSettings, into store: SQLiteStore, at seconds: Int = 0,
                       overlay: LotsOverlay = LotsOverlay()) async throws -> (ImportCounts, [ImportReport.Rejection]) {
        let source = CommerceMLSource(settings: settings)
        return try await store.applyImport(source: source.name, at: Self.t0.addingTimeInterval(TimeInterval(seconds))) { sink in
            try source.apply(to: sink, overlay: overlay)
        }
    }

    func fullPackage() throws -> CommerceMLFixture {
        try CommerceMLFixture(files: ["import.xml": F.importXML(F.items), "offers.xml": F.offersXML(F.offers)])
    }

    @Test func aFullPackageImportsEveryProductWithItsNamesBarcodePriceStockAndListing() async throws {
        let package = try fullPackage()
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }

        let (counts, rejections) = try await importPackage(package.settings(), into: temp.store)
        #expect(rejections.isEmpty, "\(rejections)")
        #expect(counts == ImportCounts(inserted: 4))

        let nuts = try #require(try await temp.store.product("YUG-CN-200"))
        #expect(nuts.names == LocalizedNames(ru: "Орех кедровый очищенный 200 г", zh: "松子仁 200克", en: ""))
        #expect(nuts.gtin?.digits == "4601234500012")
        #expect(nuts.unit == "шт")
        #expect(nuts.basePrice == Money(minorUnits: 56_300, currency: .rub))
        // Warehouses as lots: a named warehouse by its configured name, another by its Ид.
        #expect(nuts.lots == [StockLot(warehouse: "khanty-mansiysk", lot: "-", quantity: 80), StockLot(warehouse: "wh-srg", lot: "-", quantity: 40)])
        #expect(nuts.listings == ["epinduo": "100001:200001"])

        // A total without warehouses is one lot in main; decimals with a comma and grouped thousands are read.
        let jam = try #require(try await temp.store.product("YUG-LB-300"))
        #expect(jam.basePrice.minorUnits == 32_000)
        #expect(jam.lots == [StockLot(warehouse: "main", lot: "-", quantity: 35)])
        let fish = try #require(try await temp.store.product("YUG-MK-300"))
        #expect(fish.basePrice.minorUnits == 145_000)
        #expect(fish.lots == [StockLot(warehouse: "khanty-mansiysk", lot: "-", quantity: 12)])  // 12.000; a warehouse at 0 holds no lot
        #expect(fish.names.zh == "")
        let halva = try #require(try await temp.store.product("YUG-HL-250"))
        #expect(halva.gtin == nil && halva.lots.isEmpty && halva.listings.isEmpty)

        // The same package again changes nothing.
        #expect(try await importPackage(package.settings(), into: temp.store, at: 60).0 == ImportCounts(unchanged: 4))
    }

    @Test(arguments: [("Оптовая", Int64(48_000)), ("pt-opt", 48_000), ("розничная", 56_300), ("pt-retail", 56_300)])
    func thePriceTypeIsChosenByNameOrId(_ priceType: String, _ expected: Int64) async throws {
        let package = try fullPackage()
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }
        _ = try await importPackage(package.settings(priceType: priceType), into: temp.store)
        #expect(try await temp.store.product("YUG-CN-200")?.basePrice.minorUnits == expected)
    }

    @Test func priceTypesListedInTheCataloguesClassifierAreFoundByName() async throws {
        // Newer exchanges list price types in the classifier; here only import.xml's does, and offers.xml none.
        let types = "    <ТипыЦен><ТипЦены><Ид>pt-opt</Ид><Наименование>Оптовая</Наименование><Валюта>руб</Валюта></ТипЦены></ТипыЦен>\n"
        let catalogue = F.importXML(F.items).replacingOccurrences(of: "  </Классификатор>", with: types + "  </Классификатор>")
        let package = try CommerceMLFixture(files: ["import.xml": catalogue, "offers.xml": F.offersXML(F.offers, priceTypes: false)])
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }
        _ = try await importPackage(package.settings(priceType: "оптовая"), into: temp.store)
        #expect(try await temp.store.product("YUG-CN-200")?.basePrice.minorUnits == 48_000)
    }

    @Test func aPriceTypeNotInThePackageOrNotInRoublesStopsTheImportBeforeAnythingIsApplied() async throws {
        let package = try fullPackage()
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }
        for (priceType, words) in [("Закупочная", "is not in the package; it lists \"Розничная\" (pt-retail)"), ("Розница КНР", "is in CNY")] {
            let error = await #expect(throws: MarketSyncError.self) {
                _ = try await importPackage(package.settings(priceType: priceType), into: temp.store)
            }
            #expect(error?.code == .source)
            #expect(error?.file == package.path("offers.xml"))
            #expect(error?.line == (try package.line(of: "<Предложения>", in: "offers.xml")))
            #expect(error?.message.contains(words) == true, "\(error?.description ?? "")")
        }
        #expect(try await temp.store.productCount() == 0)
    }

    @Test func aBadBarcodeIsARejectedRowWithItsLineAndIdAndTheRestGoesOn() async throws {
        var items = F.items
        items[1].barcode = "4601234500028"  // check digit should be 9
        let package = try CommerceMLFixture(files: ["import.xml": F.importXML(items), "offers.xml": F.offersXML(F.offers)])
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }

        let (counts, rejections) = try await importPackage(package.settings(), into: temp.store)
        #expect(counts.inserted == 3)
        #expect(rejections.count == 1, "its offer is not reported again: \(rejections)")
        let rejection = try #require(rejections.first)
        #expect(rejection.file == package.path("import.xml"))
        #expect(rejection.line == (try package.line(of: "<Ид>\(F.id(2))</Ид>", in: "import.xml")) - 1)
        #expect(rejection.element == "Ид \(F.id(2))")
        #expect(rejection.description.contains("(SKU YUG-LB-300): Штрихкод \"4601234500028\""), "\(rejection)")
        #expect(try await temp.store.product("YUG-LB-300") == nil)
    }

    @Test func aRejectedRowKeepsTheLastGoodValues() async throws {
        let package = try fullPackage()
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }
        _ = try await importPackage(package.settings(), into: temp.store)
        let before = try await temp.store.product("YUG-CN-200")

        var offers = F.offers
        offers[0].prices = [("pt-retail", "5O3.00")]   // a letter O
        offers[1].quantity = "-4"
        try package.write(F.offersXML(offers), to: "offers.xml")
        let (_, rejections) = try await importPackage(package.settings(), into: temp.store, at: 60)
        #expect(rejections.map(\.reason) == ["ЦенаЗаЕдиницу \"5O3.00\" is not a decimal like 129.90 or 129,90", "Количество -4 is negative"])
        #expect(rejections.first?.line == (try package.line(of: "<Ид>\(F.id(1))</Ид>", in: "offers.xml")) - 1)
        #expect(try await temp.store.product("YUG-CN-200") == before)
        #expect(try await temp.store.product("YUG-LB-300")?.lots.first?.quantity == 35)
    }

    @Test func aDeltaUpdatesOnlyWhatItNamesAndLeavesTheOtherProductsAlone() async throws {
        let package = try fullPackage()
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }
        _ = try await importPackage(package.settings(), into: temp.store)
        var before: [String: Product] = [:]
        for item in F.items { before[item.article] = try await temp.store.product(SKU(item.article)) }

        // The delta names the jam in both files (a new name, no barcode element) and the fish in offers only,
        // with a price of another type only: the fish keeps its retail price and takes the new stock.
        var jam = F.items[1]
        jam.name = "Варенье из брусники 300 г"
        jam.barcode = nil
        let delta = [Offer(id: F.id(2), prices: [("pt-retail", "335.00")], quantity: "50"),
                     Offer(id: F.id(3), prices: [("pt-opt", "1 150.00")], quantity: nil, warehouses: [("wh-srg", "7")])]
        try package.write(F.importXML([jam], onlyChanges: true), to: "import.xml")
        try package.write(F.offersXML(delta, onlyChanges: true, priceTypes: false), to: "offers.xml")
        let (counts, rejections) = try await importPackage(package.settings(priceType: "pt-retail"), into: temp.store, at: 60)
        #expect(rejections.isEmpty, "\(rejections)")
        #expect(counts == ImportCounts(updated: 2))

        let newJam = try #require(try await temp.store.product("YUG-LB-300"))
        #expect(newJam.names.ru == "Варенье из брусники 300 г")
        #expect(newJam.gtin?.digits == "4601234500029", "a delta without a barcode keeps it")
        #expect(newJam.basePrice.minorUnits == 33_500)
        #expect(newJam.lots == [StockLot(warehouse: "main", lot: "-", quantity: 50)])
        let newFish = try #require(try await temp.store.product("YUG-MK-300"))
        #expect(newFish.basePrice == before["YUG-MK-300"]?.basePrice)
        #expect(newFish.lots == [StockLot(warehouse: "wh-srg", lot: "-", quantity: 7)])
        #expect(newFish.names == before["YUG-MK-300"]?.names)
        #expect(newFish.listings == before["YUG-MK-300"]?.listings)
        #expect(try await temp.store.product("YUG-CN-200") == before["YUG-CN-200"])
        #expect(try await temp.store.product("YUG-HL-250") == before["YUG-HL-250"])
    }

    @Test func anOfferOfAnIdNeverImportedIsRejectedByADeltaWithoutCatalogue() async throws {
        let package = try CommerceMLFixture(files: ["offers.xml": F.offersXML([Offer(id: "ffffffff-0000-0000-0000-000000000009", prices: [("pt-retail", "10.00")])],
                                                                          onlyChanges: true)])
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let (counts, rejections) = try await importPackage(package.settings(importFile: false), into: temp.store)
        #expect(counts == ImportCounts())
        #expect(rejections.map(\.reason) == ["no product has this Ид: it is in neither this package's catalogue nor an earlier import"])
    }

    @Test func aFullPackageProductWithoutAnOfferIsRejectedAndKeepsItsPriceAndStock() async throws {
        let package = try fullPackage()
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }
        _ = try await importPackage(package.settings(), into: temp.store)
        let before = try await temp.store.product("YUG-HL-250")

        try package.write(F.offersXML(Array(F.offers.prefix(3))), to: "offers.xml")
        let (counts, rejections) = try await importPackage(package.settings(), into: temp.store, at: 60)
        #expect(counts == ImportCounts(unchanged: 3))
        #expect(rejections.count == 1)
        #expect(rejections.first?.description.contains("(SKU YUG-HL-250): no offer in offers.xml") == true, "\(rejections)")
        #expect(try await temp.store.product("YUG-HL-250") == before)
    }

    @Test func aProductMarkedDeletedLosesItsStockAndIsNeverCreated() async throws {
        let package = try fullPackage()
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }
        _ = try await importPackage(package.settings(), into: temp.store)

        var items = F.items
        items[0].deleted = true
        items.append(.init(id: F.id(7), article: "YUG-OLD-1", name: "Снятый товар", barcode: nil, zh: nil, epinduo: nil, deleted: true))
        try package.write(F.importXML(items), to: "import.xml")
        let (_, rejections) = try await importPackage(package.settings(), into: temp.store, at: 60)
        #expect(rejections.isEmpty, "\(rejections)")
        #expect(try await temp.store.product("YUG-CN-200")?.lots == [])
        #expect(try await temp.store.product("YUG-OLD-1") == nil)
    }

    @Test func stockByWarehouseInTheRemaindersFormIsReadAsLots() async throws {
        var offers = F.offers
        offers[1].quantity = nil
        offers[1].extra = """
            <Остатки>
              <Остаток><Склад><Ид>wh-khm</Ид><Количество>9</Количество></Склад></Остаток>
              <Остаток><Склад><Ид>wh-srg</Ид><Количество>3</Количество></Склад></Остаток>
            </Остатки>
        """
        let package = try CommerceMLFixture(files: ["import.xml": F.importXML(F.items), "offers.xml": F.offersXML(offers)])
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }
        _ = try await importPackage(package.settings(), into: temp.store)
        #expect(try await temp.store.product("YUG-LB-300")?.lots
                == [StockLot(warehouse: "khanty-mansiysk", lot: "-", quantity: 9), StockLot(warehouse: "wh-srg", lot: "-", quantity: 3)])
    }

    @Test func unknownElementsAreIgnored() async throws {
        var items = F.items
        items[0].extra = "\n        <Маркировка><ГруппаТоваров>Молочная продукция</ГруппаТоваров></Маркировка><Изготовитель><Ид>x</Ид></Изготовитель>"
        var offers = F.offers
        offers[0].extra = "        <НовоеПоле2026 Атрибут=\"1\"><Ид>not-the-offer</Ид><Количество>999</Количество></НовоеПоле2026>\n"
        let package = try CommerceMLFixture(files: [
            "import.xml": F.importXML(items, extra: "\n    <Владелец><Ид>owner</Ид><Наименование>ООО Дары Югры</Наименование></Владелец>"),
            "offers.xml": F.offersXML(offers, extra: "\n    <ЧтоТоНовое>значение</ЧтоТоНовое>"),
        ])
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let (counts, rejections) = try await importPackage(package.settings(), into: temp.store)
        #expect(rejections.isEmpty, "\(rejections)")
        #expect(counts.inserted == 4)
        #expect(try await temp.store.product("YUG-CN-200")?.onHand == 120)
    }

    @Test func anIdGivenTwiceInTheCatalogueRejectsEveryCopy() async throws {
        var items = F.items
        items.append(.init(id: F.id(1), article: "YUG-CN-500", name: "Орех кедровый 500 г", barcode: nil, zh: nil, epinduo: nil))
        let package = try CommerceMLFixture(files: ["import.xml": F.importXML(items), "offers.xml": F.offersXML(F.offers)])
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let (counts, rejections) = try await importPackage(package.settings(), into: temp.store)
        #expect(counts.inserted == 3)
        #expect(rejections.count == 2)
        #expect(rejections.allSatisfy { $0.reason.hasPrefix("Ид appears more than once in the file (lines ") }, "\(rejections)")
        #expect(try await temp.store.product("YUG-CN-200") == nil)
    }

    @Test func lotsFilesGoOverThePackagesProducts() async throws {
        let package = try fullPackage()
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let expiry = try #require(CalendarDate.parse("2026-12-31"))
        let lot = StockLot(warehouse: "surgut", lot: "L-0412", quantity: 30, expiresOn: expiry)
        let overlay = LotsOverlay(lots: ["YUG-MK-300": [lot], "NOPE-1": [lot]], sources: ["YUG-MK-300": "lots.csv", "NOPE-1": "lots.csv"])
        let (_, rejections) = try await importPackage(package.settings(), into: temp.store, overlay: overlay)
        #expect(try await temp.store.product("YUG-MK-300")?.lots == [lot])
        #expect(rejections.map(\.description) == ["lots.csv (SKU NOPE-1): SKU is not in the catalog sources of this run"])
    }

    @Test func aPackageIn1251IsReadByItsXMLDeclaration() async throws {
        let text = F.importXML(Array(F.items.prefix(1))).replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"windows-1251\"")
            .replacingOccurrences(of: "松子仁 200克", with: "")
        let package = try CommerceMLFixture(files: ["offers.xml": F.offersXML(Array(F.offers.prefix(1)))])
        defer { package.remove() }
        try #require(text.data(using: .windowsCP1251)).write(to: package.folder.appendingPathComponent("import.xml"))
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let (_, rejections) = try await importPackage(package.settings(), into: temp.store)
        #expect(rejections.isEmpty, "\(rejections)")
        #expect(try await temp.store.product("YUG-CN-200")?.names.ru == "Орех кедровый очищенный 200 г")
    }

    @Test func aPreviewReadsThePackageOverTheStoredCatalogAndWritesNothing() async throws {
        let package = try fullPackage()
        defer { package.remove() }
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let source = CommerceMLSource(settings: package.settings())
        let (products, rejections) = try await temp.store.previewImport { sink in try source.apply(to: sink, overlay: LotsOverlay()) }
        #expect(rejections.isEmpty)
        #expect(products.map(\.sku.rawValue) == F.items.map(\.article))
        #expect(try await temp.store.productCount() == 0)
        #expect(try temp.store.tableCounts()["source_keys"] == 0)
    }

    typealias Offer = CommerceMLFixture.Offer
}
