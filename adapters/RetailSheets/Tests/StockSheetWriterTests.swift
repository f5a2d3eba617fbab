import Foundation
import MarketSync
import RetailSheets
import Testing

@Suite("Stock sheets are written byte for byte")
struct StockSheetWriterTests {
    let writer: StockSheetWriter

    init() throws {
        writer = try StockSheetWriter(layout: SheetFixtures.stockLayout(), catalog: SheetFixtures.catalog, timeZone: SheetFixtures.shanghai)
    }

    @Test("a GB18030 stock sheet with Chinese names equals the file iconv made, and reads back to the same cells")
    func gb18030RoundTrip() throws {
        let result = try writer.write(SheetFixtures.stockRows, on: SheetFixtures.run, firstSequence: 7)
        #expect(result.refused.isEmpty)
        let file = try #require(result.files.first)
        #expect(result.files.count == 1)
        #expect(file.name == "WM_KC_20261127_0007.csv")
        #expect(file.bytes == (try SheetFixtures.fixture("wumart-stock.gb18030.csv")))
        #expect(file.skus == ["YUG-CN-500", "YUG-HV-300", "YUG-LB-250", "YUG-VS-400"])
        #expect(file.items == [12, 13, 11])
        #expect(result.nextSequence == 8)

        let table = try SheetTableReader(layout: writer.layout).read(file.bytes, file: file.name)
        #expect(table.encoding == .gb18030)
        #expect(table.rows.map(\.line) == [2, 3, 4, 5])
        #expect(table.rows.allSatisfy { $0.problems.isEmpty })
        #expect(table.rows.map { $0.values[.nameZh] } == ["西伯利亚松子 500克", "雪松坚果哈尔瓦 300克", "越橘果酱 250克", "𠮷鹿肉香肠 400克"])
        #expect(table.rows.map { $0.values[.quantity] } == ["120", "7", "48", "0"])
        #expect(table.rows.map { $0.values[.unit] } == ["件", "件", "瓶", "件"])
    }

    @Test("UTF-8 is written without a byte order mark, or with one when the layout says utf-8-bom; both read back")
    func utf8WithAndWithoutMark() throws {
        let expected = try SheetFixtures.fixture("wumart-stock.utf8.csv")
        for (encoding, prefix) in [(SheetEncoding.utf8, [UInt8]()), (.utf8BOM, [0xEF, 0xBB, 0xBF])] {
            let layout = try SheetFixtures.stockLayout(SheetFixtures.format(encoding))
            let writer = try StockSheetWriter(layout: layout, catalog: SheetFixtures.catalog)
            let file = try #require(try writer.write(SheetFixtures.stockRows, on: SheetFixtures.run).files.first)
            #expect(file.bytes == prefix + expected)
            let table = try SheetTableReader(layout: layout).read(file.bytes, file: file.name)
            #expect(table.encoding == encoding)
            #expect(table.rows.first?.values[.itemCode] == "WM100234", "the mark is not part of the first cell")
            #expect(table.rows.last?.values[.nameZh] == "𠮷鹿肉香肠 400克")
        }
    }

    @Test("GB18030 refuses no character: emoji, private use, CJK extension B, Cyrillic and Latin all read back as written")
    func gb18030CarriesEverything() throws {
        let names = ["🌲🍯 松子", "\u{E5E5}\u{E000}", "𠮷𪚥", "Кедровый орех", "Crème brûlée", "ＡＢＣ１２３", "ㄅㄆㄇ", "\u{10FFFD}"]
        let layout = try SheetLayout(kind: .stock, columns: [SheetColumn("sku", .sku), SheetColumn("name", .nameZh), SheetColumn("qty", .quantity)],
                                     format: SheetFixtures.format(.gb18030), naming: SheetFixtures.naming("s.csv"))
        let catalog = SheetCatalog(names.enumerated().map { index, name in
            SheetCatalogEntry(sku: SKU("S-\(index)"), gtin: nil, listing: nil, names: LocalizedNames(ru: "", zh: name, en: ""), unit: "pcs")
        })
        let rows = names.indices.map { SheetStockRow(item: Int64($0), sku: SKU("S-\($0)"), listing: nil, quantity: 1) }
        let result = try StockSheetWriter(layout: layout, catalog: catalog).write(rows, on: SheetFixtures.run)
        #expect(result.refused.isEmpty)
        let file = try #require(result.files.first)
        #expect(SheetFixtures.text(file.bytes) == "<not UTF-8>", "the bytes are GB18030, not UTF-8")
        let table = try SheetTableReader(layout: layout).read(file.bytes, file: "s.csv")
        #expect(table.encoding == .gb18030)
        #expect(table.rows.map { $0.values[.nameZh] } == names.map { Optional($0) })
    }

    @Test("the same rows in any order give the same bytes")
    func deterministic() throws {
        let rows = SheetFixtures.stockRows
        let first = try writer.write(rows, on: SheetFixtures.run).files
        for permutation in [rows.reversed(), [rows[2], rows[0], rows[3], rows[1]], [rows[1], rows[3], rows[0], rows[2]]] {
            let again = try writer.write(Array(permutation), on: SheetFixtures.run).files
            #expect(again.map(\.bytes) == first.map(\.bytes))
            #expect(again.map(\.name) == first.map(\.name))
        }
    }

    @Test("a name holding the delimiter, quotes and a line break is quoted and reads back whole; the next row keeps its line")
    func specialCharacters() throws {
        let layout = try SheetLayout(kind: .stock, columns: [SheetColumn("sku", .sku), SheetColumn("name", .nameRu), SheetColumn("qty", .quantity)],
                                     format: SheetFixtures.format(.utf8), naming: SheetFixtures.naming("stock.csv"))
        let tricky = "Орех, \"кедровый\"\nвторой ряд"
        let catalog = SheetCatalog([
            SheetCatalogEntry(sku: "A-1", gtin: nil, listing: nil, names: LocalizedNames(ru: tricky, zh: "", en: ""), unit: "pcs"),
            SheetCatalogEntry(sku: "B-2", gtin: nil, listing: nil, names: LocalizedNames(ru: " padded ", zh: "", en: ""), unit: "pcs"),
            SheetCatalogEntry(sku: "C-3", gtin: nil, listing: nil, names: LocalizedNames(ru: "plain", zh: "", en: ""), unit: "pcs"),
        ])
        let writer = try StockSheetWriter(layout: layout, catalog: catalog)
        let rows = ["A-1", "B-2", "C-3"].map { SheetStockRow(item: nil, sku: SKU($0), listing: nil, quantity: 5) }
        let file = try #require(try writer.write(rows, on: SheetFixtures.run).files.first)
        #expect(SheetFixtures.text(file.bytes) == "sku,name,qty\r\nA-1,\"Орех, \"\"кедровый\"\"\nвторой ряд\",5\r\nB-2,\" padded \",5\r\nC-3,plain,5\r\n")
        let table = try SheetTableReader(layout: layout).read(file.bytes, file: "stock.csv")
        #expect(table.rows.map { $0.values[.nameRu] } == [tricky, " padded ", "plain"])
        #expect(table.rows.map(\.line) == [2, 4, 5])
        #expect(table.rows.allSatisfy { $0.problems.isEmpty })
    }

    @Test("one file per store: files by store code, numbered in turn; a row without a store or with one unfit for a file name is refused")
    func perStore() throws {
        let layout = try SheetFixtures.stockLayout(SheetFixtures.format(.utf8), split: .store, pattern: "WM_KC_{store}_{date:yyyy-MM-dd}_{seq}.csv", store: true)
        let writer = try StockSheetWriter(layout: layout, catalog: SheetFixtures.catalog)
        let rows = [
            SheetStockRow(item: 1, sku: "YUG-CN-500", listing: nil, quantity: 10, store: "1102"),
            SheetStockRow(item: 2, sku: "YUG-CN-500", listing: nil, quantity: 20, store: "1101"),
            SheetStockRow(item: 3, sku: "YUG-LB-250", listing: nil, quantity: 30, store: "1101"),
            SheetStockRow(item: 4, sku: "YUG-PC-100", listing: nil, quantity: 40),
            SheetStockRow(item: 5, sku: "YUG-HV-300", listing: nil, quantity: 50, store: "../etc"),
        ]
        let result = try writer.write(rows, on: SheetFixtures.run, firstSequence: 3)
        #expect(result.files.map(\.name) == ["WM_KC_1101_2026-11-27_3.csv", "WM_KC_1102_2026-11-27_4.csv"])
        #expect(result.files.map(\.store) == ["1101", "1102"])
        #expect(result.files.map(\.items) == [[2, 3], [1]])
        #expect(result.nextSequence == 5)
        #expect(SheetFixtures.text(result.files[1].bytes)
            == "门店编码,商品编码,条形码,商品名称,库存数量,单位,日期\r\n1102,WM100234,4601234500012,西伯利亚松子 500克,10,件,2026-11-27\r\n")
        #expect(result.refused.map(\.item) == [4, 5])
        #expect(result.refused.map(\.error.code) == [.sheetRow, .sheetRow])
        #expect(result.refused.first?.error.key == "门店编码")
        #expect(result.refused.last?.error.message.contains("\"../etc\" cannot stand in a file name") == true)
    }

    @Test("a character the encoding cannot carry leaves its row out, naming the SKU and the column; the other rows are written")
    func unencodableCharacter() throws {
        let layout = try SheetLayout(kind: .stock, columns: [SheetColumn("Артикул", .sku), SheetColumn("Наименование", .nameRu),
                                                             SheetColumn("Остаток", .quantity)],
                                     format: SheetFixtures.format(.windows1251, delimiter: .semicolon), naming: SheetFixtures.naming("ostatki_{date}.csv"))
        let catalog = SheetCatalog([
            SheetCatalogEntry(sku: "YUG-CN-500", gtin: nil, listing: nil, names: LocalizedNames(ru: "Кедровый орех", zh: "", en: ""), unit: "pcs"),
            SheetCatalogEntry(sku: "YUG-VS-400", gtin: nil, listing: nil, names: LocalizedNames(ru: "Колбаса 鹿", zh: "", en: ""), unit: "pcs"),
        ])
        let writer = try StockSheetWriter(layout: layout, catalog: catalog)
        let result = try writer.write([SheetStockRow(item: 1, sku: "YUG-CN-500", listing: nil, quantity: 3),
                                       SheetStockRow(item: 2, sku: "YUG-VS-400", listing: nil, quantity: 4)], on: SheetFixtures.run)
        let refusal = try #require(result.refused.first)
        #expect(result.refused.count == 1)
        #expect(refusal.sku == "YUG-VS-400")
        #expect(refusal.item == 2)
        #expect(refusal.error.code == .sheetEncoding)
        #expect(refusal.error.key == "Наименование")
        #expect(refusal.error.sku == "YUG-VS-400")
        #expect(refusal.error.message.contains("U+9E7F"))
        // Windows-1251: "Артикул;Наименование;Остаток" then the one row, nothing of the refused one.
        let file = try #require(result.files.first)
        #expect(file.skus == ["YUG-CN-500"])
        #expect(file.bytes.count == "Артикул;Наименование;Остаток\r\nYUG-CN-500;Кедровый орех;3\r\n".unicodeScalars.count)
        #expect(Array(file.bytes.prefix(3)) == [0xC0, 0xF0, 0xF2], "Арт in Windows-1251")

        let chineseHeader = try SheetLayout(kind: .stock, columns: [SheetColumn("商品编码", .sku), SheetColumn("Остаток", .quantity)],
                                            format: SheetFixtures.format(.windows1251), naming: SheetFixtures.naming("s.csv"))
        let error = SheetFixtures.error { () throws(MarketSyncError) in
            try StockSheetWriter(layout: chineseHeader, catalog: catalog).write([], on: SheetFixtures.run)
        }
        #expect(error?.code == .sheetEncoding)
        #expect(error?.key == "商品编码")
    }

    @Test("a value the layout requires that the row has not leaves the row out; an optional column is written empty")
    func requiredValues() throws {
        let unknown = SheetStockRow(item: 9, sku: "NOT-IN-CATALOG", listing: "WM999", quantity: 1)
        let result = try writer.write([unknown, SheetFixtures.stockRows[0]], on: SheetFixtures.run)
        #expect(result.refused.map(\.sku) == ["NOT-IN-CATALOG"])
        #expect(result.refused.first?.error.key == "条形码")
        #expect(result.files.first?.skus == ["YUG-LB-250"])

        let lenient = try SheetLayout(kind: .stock, columns: [SheetColumn("商品编码", .itemCode), SheetColumn("条形码", .gtin, optional: true),
                                                              SheetColumn("库存数量", .quantity)],
                                      format: SheetFixtures.format(.utf8, quoting: .always), naming: SheetFixtures.naming("s.csv"))
        let file = try #require(try StockSheetWriter(layout: lenient, catalog: SheetFixtures.catalog).write([unknown], on: SheetFixtures.run).files.first)
        #expect(SheetFixtures.text(file.bytes) == "\"商品编码\",\"条形码\",\"库存数量\"\r\n\"WM999\",\"\",\"1\"\r\n")
    }

    @Test("a negative quantity and a second row for one SKU are refused; a run with no rows is a sheet with its header only")
    func refusedAndEmpty() throws {
        let rows = [SheetStockRow(item: 1, sku: "YUG-CN-500", listing: nil, quantity: -1),
                    SheetStockRow(item: 2, sku: "YUG-LB-250", listing: nil, quantity: 5),
                    SheetStockRow(item: 3, sku: "YUG-LB-250", listing: nil, quantity: 6)]
        let result = try writer.write(rows, on: SheetFixtures.run)
        #expect(result.refused.map(\.item) == [1, 3])
        #expect(result.files.first?.items == [2])

        let empty = try writer.write([], on: SheetFixtures.run, firstSequence: 1)
        #expect(empty.files.map(\.name) == ["WM_KC_20261127_0001.csv"])
        let fixture = try SheetFixtures.fixture("wumart-stock.gb18030.csv")
        let headerEnd = try #require(fixture.firstIndex(of: 0x0A))
        #expect(empty.files.first?.bytes == Array(fixture[...headerEnd]))
    }
}
