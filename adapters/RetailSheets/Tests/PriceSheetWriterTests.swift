import Foundation
import MarketSync
import RetailSheets
import Testing

@Suite("Price sheets carry amounts exactly, in the chain's decimal style")
struct PriceSheetWriterTests {
    static func layout(_ format: SheetFormat, currencyColumn: Bool = false) throws -> SheetLayout {
        var columns = [SheetColumn("Артикул", .sku), SheetColumn("Штрихкод", .gtin), SheetColumn("Наименование", .nameRu), SheetColumn("Цена", .price)]
        if currencyColumn { columns.append(SheetColumn("Валюта", .currency)) }
        return try SheetLayout(kind: .price, columns: columns, format: format, naming: SheetFixtures.naming("ceny_{date}.csv"))
    }

    static func rows(_ currency: Currency = .cny) -> [SheetPriceRow] {
        [SheetPriceRow(item: 1, sku: "YUG-HV-300", listing: nil, price: Money(minorUnits: 3850, currency: currency)),
         SheetPriceRow(item: 2, sku: "YUG-CN-500", listing: nil, price: Money(minorUnits: 5, currency: currency)),
         SheetPriceRow(item: 3, sku: "YUG-LB-250", listing: nil, price: Money(minorUnits: 9_007_199_254_740_993, currency: currency))]
    }

    @Test("decimal comma with semicolons and LF: amounts from minor units exactly, past what a Double holds")
    func decimalComma() throws {
        let writer = try PriceSheetWriter(layout: Self.layout(SheetFixtures.format(.utf8, delimiter: .semicolon, decimalMark: ",", lineEnding: .lf)),
                                          catalog: SheetFixtures.catalog)
        let result = try writer.write(Self.rows(), on: SheetFixtures.run)
        #expect(result.refused.isEmpty)
        let file = try #require(result.files.first)
        #expect(file.name == "ceny_20261127.csv")
        #expect(SheetFixtures.text(file.bytes) == """
            Артикул;Штрихкод;Наименование;Цена
            YUG-CN-500;4601234500012;Кедровый орех 500 г;0,05
            YUG-HV-300;4601234500036;"Халва кедровая, ""Югра"" 300 г";38,50
            YUG-LB-250;4601234500029;Варенье из брусники 250 г;90071992547409,93

            """)
    }

    @Test("a decimal comma in a comma-separated sheet is quoted, so the amount stays one field")
    func decimalCommaWithCommas() throws {
        let layout = try Self.layout(SheetFixtures.format(.utf8, decimalMark: ","))
        let file = try #require(try PriceSheetWriter(layout: layout, catalog: SheetFixtures.catalog).write([Self.rows()[0]], on: SheetFixtures.run).files.first)
        #expect(SheetFixtures.text(file.bytes).hasSuffix(",\"38,50\"\r\n"))
        let table = try SheetTableReader(layout: layout).read(file.bytes, file: file.name)
        #expect(table.rows.first?.values[.price] == "38,50")
        #expect(table.rows.first?.values[.nameRu] == "Халва кедровая, \"Югра\" 300 г")
    }

    @Test("a price in another currency than the sheet's is refused unless the sheet has a currency column")
    func currencies() throws {
        let plain = try PriceSheetWriter(layout: Self.layout(SheetFixtures.format(.utf8)), catalog: SheetFixtures.catalog)
        let refused = try plain.write(Self.rows(.rub), on: SheetFixtures.run)
        #expect(refused.refused.map(\.item) == [1, 2, 3])
        #expect(refused.refused.allSatisfy { $0.error.code == .sheetRow && $0.error.key == "Цена" })
        #expect(refused.files.first?.skus == [])

        let withColumn = try PriceSheetWriter(layout: Self.layout(SheetFixtures.format(.utf8, quoting: .always), currencyColumn: true),
                                              catalog: SheetFixtures.catalog)
        let file = try #require(try withColumn.write([Self.rows(.rub)[0]], on: SheetFixtures.run).files.first)
        #expect(SheetFixtures.text(file.bytes).hasSuffix("\"38.50\",\"RUB\"\r\n"))
    }

    @Test("a negative price is refused, never written")
    func negative() throws {
        let writer = try PriceSheetWriter(layout: Self.layout(SheetFixtures.format(.utf8)), catalog: SheetFixtures.catalog)
        let result = try writer.write([SheetPriceRow(item: 7, sku: "YUG-CN-500", listing: nil, price: Money(minorUnits: -100, currency: .cny))],
                                      on: SheetFixtures.run)
        #expect(result.refused.map(\.item) == [7])
        #expect(result.refused.first?.error.sku == "YUG-CN-500")
    }

    @Test("price updates become rows with their items; a carried value has none")
    func fromUpdates() {
        let update = PriceUpdate(item: 42, sku: "YUG-CN-500", listing: "WM100234", price: Money(minorUnits: 100, currency: .cny))
        let carried = PriceUpdate(sku: "YUG-LB-250", listing: nil, price: Money(minorUnits: 200, currency: .cny), carried: true)
        #expect(SheetPriceRow(update).item == 42)
        #expect(SheetPriceRow(carried, store: "1101").item == nil)
        #expect(SheetPriceRow(carried, store: "1101").store == "1101")
        #expect(SheetStockRow(StockUpdate(item: 5, sku: "YUG-CN-500", listing: "WM100234", quantity: 3)).listing == "WM100234")
    }
}
