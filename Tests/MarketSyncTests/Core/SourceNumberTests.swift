import Foundation
import Testing
@testable import MarketSync

/// Numbers as 1C and spreadsheets export them: thousands grouped with a space, a no-break space (U+00A0) or a
/// narrow no-break space (U+202F).
@Suite struct SourceNumberTests {
    @Test(arguments: [
        ("1 150,00", Int64(115_000)), ("1\u{00A0}150,00", 115_000), ("1\u{202F}150,00", 115_000), ("12 345 678.90", 1_234_567_890),
        ("1 150", 115_000), ("999", 99_900), ("1150,5", 115_050),
    ])
    func groupedPricesAreRead(_ text: String, _ minor: Int64) {
        #expect(Money.parseDecimal(text, currency: .rub)?.minorUnits == minor)
    }

    @Test(arguments: ["1 15,00", "1  150,00", " 150,00x", "1 1500,00", "1,150.00", "1 150,0,0", "1.150,00", "1_150"])
    func wronglyGroupedPricesAreRejected(_ text: String) {
        #expect(Money.parseDecimal(text, currency: .rub) == nil)
    }

    @Test func aCatalogRowWithGroupedPriceAndStockImports() throws {
        let text = "sku;name_ru;price_rub;stock\nA-1;Мёд;1\u{00A0}150,00;2 500\nA-2;Чай;12 345,50;1\u{202F}000\n"
        let report = try CatalogReader().readCSV(Array(text.utf8), path: "c.csv")
        #expect(report.rejections.isEmpty, "\(report.rejections)")
        #expect(report.products.map(\.basePrice.minorUnits) == [115_000, 1_234_550])
        #expect(report.products.map(\.onHand) == [2_500, 1_000])
    }

    @Test func aLotsRowWithGroupedQuantityImports() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lots-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try "sku;quantity\nA;1\u{00A0}200\n".write(to: url, atomically: true, encoding: .utf8)
        let report = try LotsReader().read(path: url.path)
        #expect(report.lots["A"]?.map(\.quantity) == [1_200], "\(report.rejections)")
    }
}
