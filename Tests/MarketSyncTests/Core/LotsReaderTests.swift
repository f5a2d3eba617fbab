import Foundation
import Testing
@testable import MarketSync

@Suite struct LotsReaderTests {
    func write(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lots-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func severalDatedLotsPerSKUReplaceTheCatalogLotAndABadRowDropsTheWholeSKU() throws {
        let path = try write("""
            sku,warehouse,lot,quantity,expires_on,produced_on
            FISH,surgut,L1,10,2026-12-20,2026-11-01
            FISH,surgut,L2,6,2026-12-02,2026-10-15
            JAM,surgut,J1,-1,2027-11-30,
            JAM,moscow,J2,5,2027-11-30,
            GHOST,surgut,G1,1,,

            """)
        let report = try LotsReader().read(path: path)
        #expect(report.lots["FISH"]?.map(\.quantity) == [10, 6])
        #expect(report.lots["JAM"] == nil)     // one bad row: none of JAM's lots from this file
        #expect(report.rejections.map(\.line) == [4])
        var catalog = [ImportReport(source: "c.csv", products: [
            Product(sku: "FISH", gtin: nil, names: LocalizedNames(ru: "Рыба", zh: "", en: ""), unit: "pcs",
                    basePrice: Money(minorUnits: 100, currency: .rub), lots: [StockLot(warehouse: "main", lot: "-", quantity: 99)]),
            Product(sku: "JAM", gtin: nil, names: LocalizedNames(ru: "Варенье", zh: "", en: ""), unit: "jar",
                    basePrice: Money(minorUnits: 100, currency: .rub), lots: [StockLot(warehouse: "main", lot: "-", quantity: 7)]),
        ])]
        LotsReader.merge([report], into: &catalog)
        #expect(catalog[0].products[0].onHand == 16)
        #expect(catalog[0].products[1].onHand == 7)      // JAM keeps the catalog's stock
        #expect(catalog[0].rejections.map(\.description).contains { $0.contains("GHOST") && $0.contains("not in the catalog") })
    }
}
