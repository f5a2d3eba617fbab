import Foundation
import Testing
@testable import MarketSync

@Suite struct CatalogReaderTests {
    let header = "sku,gtin,name_ru,name_zh,name_en,unit,price_rub,stock,listing:epinduo\n"

    func read(_ text: String) throws -> ImportReport {
        try CatalogReader().readCSV(Array(text.utf8), path: "catalog.csv")
    }

    @Test func validRowsImportWithDecimalCommaAndBOM() throws {
        let text = "\u{FEFF}" + header + "YUG-CN-200,4607093000045,Орех кедровый,松子,Cedar nuts,pcs,\"790,5\",120,100004:200004\n"
        let report = try read(text)
        #expect(report.rejections.isEmpty)
        let product = try #require(report.products.first)
        #expect(product.sku == "YUG-CN-200")
        #expect(product.basePrice == Money(minorUnits: 79050, currency: .rub))
        #expect(product.onHand == 120)
        #expect(product.listings[ChannelID("epinduo")] == "100004:200004")
        #expect(product.names.zh == "松子")
    }

    @Test func badRowsAreReportedWithLineAndSkipped() throws {
        let text = header
            + "A-1,4607093000014,Грибы,,,pcs,690.00,10,\n"          // line 2 ok
            + "A-2,4607093000013,Грибы,,,pcs,690.00,10,\n"          // line 3 bad check digit
            + "A-3,,Орехи,,,pcs,12.345,10,\n"                        // line 4 three decimals
            + "A-4,,Варенье,,,pcs,320,-5,\n"                         // line 5 negative stock
            + "A-5,,Халва,,,pcs,380,2.5,\n"                          // line 6 fractional stock
            + ",,Муксун,,,pcs,1450,1,\n"                             // line 7 no sku
            + "A-6,,Колбаса,,,pcs,1190,3,\n"                         // line 8 ok
        let report = try read(text)
        #expect(report.products.map(\.sku) == ["A-1", "A-6"])
        let lines = report.rejections.map { $0.line }
        #expect(lines == [3, 4, 5, 6, 7])
        #expect(report.rejections[0].description.hasPrefix("catalog.csv:3 (SKU A-2): gtin"))
        #expect(report.rejections[2].reason.contains("negative"))
    }

    @Test func invalidUTF8RowIsRejectedAndTheRestImports() throws {
        var bytes = Array(header.utf8)
        bytes += Array("B-1,,".utf8) + [0xCF, 0xF0, 0xE8] + Array(",,,pcs,100,1,\n".utf8) // Windows-1251 bytes
        bytes += Array("B-2,,Мёд,,,pcs,480,9,\n".utf8)
        let report = try CatalogReader().readCSV(bytes, path: "c.csv")
        #expect(report.products.map(\.sku) == ["B-2"])
        #expect(report.rejections.first?.line == 2)
        #expect(report.rejections.first?.reason.contains("UTF-8") == true)
    }

    @Test func duplicateSKUsAreAllRejected() throws {
        let report = try read(header + "D-1,,Мёд,,,pcs,480,9,\nD-1,,Мёд,,,pcs,500,9,\nD-2,,Чай,,,pcs,290,1,\n")
        #expect(report.products.map(\.sku) == ["D-2"])
        #expect(report.rejections.count == 2)
        #expect(report.rejections[0].reason.contains("more than once"))
    }

    @Test func unknownColumnIsAFileError() {
        #expect(throws: MarketSyncError.self) { try read("sku,name_ru,pirce_rub\nA,B,1\n") }
    }

    @Test func semicolonCSVAndJSONReadAlike() throws {
        let csv = try read("sku;name_ru;price_rub;stock\nS-1;Чага;350,00;70\n")
        let json = try CatalogReader().readJSON(Data(#"{"products":[{"sku":"S-1","names":{"ru":"Чага"},"price_rub":"350.00","stock":70}]}"#.utf8), path: "c.json")
        #expect(csv.products == json.products)
        let bad = try CatalogReader().readJSON(Data(#"[{"sku":"S-2","name_ru":"X","price_rub":"abc"}]"#.utf8), path: "c.json")
        #expect(bad.rejections.first?.description == "c.json: products[0] (SKU S-2): price_rub \"abc\" is not a decimal like 129.90 or 129,90")
    }

    @Test func demoCatalogIsValid() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../fixtures/demo/catalog.csv").path
        let report = try CatalogReader().read(path: path)
        #expect(report.rejections.isEmpty)
        #expect(report.products.count == 30)
        #expect(report.products.allSatisfy { ($0.gtin?.digits.hasPrefix("46")) == true })
    }
}
