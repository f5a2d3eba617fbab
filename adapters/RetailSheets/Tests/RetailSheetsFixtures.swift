import Foundation
import MarketSync
import RetailSheets
import Testing

/// What the sheet tests share: a small catalog of the producer's goods (invented codes; GTIN check digits valid),
/// a Wu Mart-like set of layouts, the run's instant, and the fixture files made with the `iconv` tool.
enum SheetFixtures {
    /// 2026-11-27 10:00 in Shanghai (02:00 UTC).
    static let run = Date(timeIntervalSince1970: 1_795_744_800)
    static let shanghai = TimeZone.chinaStandard
    static let channel = ChannelID("wumart")

    static func gtin(_ text: String) -> GTIN {
        do { return try GTIN(validating: text) } catch { fatalError("fixture GTIN \(text): \(error)") }
    }

    /// Cedar nuts, lingonberry jam, cedar halva (a Russian name with a comma and quotes), porcini, and venison
    /// sausage, whose Chinese name holds 𠮷 (U+20BB7), which GB18030 writes in four bytes and GBK cannot write.
    static let entries: [SheetCatalogEntry] = [
        SheetCatalogEntry(sku: "YUG-CN-500", gtin: gtin("4601234500012"), listing: "WM100234",
                          names: LocalizedNames(ru: "Кедровый орех 500 г", zh: "西伯利亚松子 500克", en: "Siberian cedar nuts 500 g"), unit: "pcs"),
        SheetCatalogEntry(sku: "YUG-LB-250", gtin: gtin("4601234500029"), listing: "WM100235",
                          names: LocalizedNames(ru: "Варенье из брусники 250 г", zh: "越橘果酱 250克", en: "Lingonberry jam 250 g"), unit: "jar"),
        SheetCatalogEntry(sku: "YUG-HV-300", gtin: gtin("4601234500036"), listing: "WM100236",
                          names: LocalizedNames(ru: "Халва кедровая, \"Югра\" 300 г", zh: "雪松坚果哈尔瓦 300克", en: ""), unit: "pcs"),
        SheetCatalogEntry(sku: "YUG-PC-100", gtin: gtin("4601234500043"), listing: "WM100237",
                          names: LocalizedNames(ru: "Белые грибы сушёные 100 г", zh: "干牛肝菌 100克", en: "Dried porcini 100 g"), unit: "pcs"),
        SheetCatalogEntry(sku: "YUG-VS-400", gtin: gtin("4601234500050"), listing: "WM100238",
                          names: LocalizedNames(ru: "Колбаса из оленины 400 г", zh: "𠮷鹿肉香肠 400克", en: "Venison sausage 400 g"), unit: "pcs"),
    ]
    static let catalog = SheetCatalog(entries)

    static func format(_ encoding: SheetEncoding = .gb18030, delimiter: SheetDelimiter = .comma, quoting: CSVRecordWriter.Quoting = .minimal,
                       decimalMark: Character = ".", lineEnding: SheetLineEnding = .crlf) -> SheetFormat {
        SheetFormat(delimiter: delimiter, quoting: quoting, decimalMark: decimalMark, lineEnding: lineEnding, encoding: encoding)
    }

    static func naming(_ pattern: String, split: SheetSplit = .none) -> SheetFileNaming {
        do { return try SheetFileNaming(pattern: pattern, split: split) } catch { fatalError("fixture naming \(pattern): \(error)") }
    }

    /// Wu Mart-like stock sheet: item code, barcode, Chinese name, stock, unit, date; GB18030 unless told.
    static func stockLayout(_ format: SheetFormat = format(), split: SheetSplit = .none, pattern: String = "WM_KC_{date}_{seq:4}.csv",
                            store: Bool = false) throws(MarketSyncError) -> SheetLayout {
        var columns = [SheetColumn("商品编码", .itemCode), SheetColumn("条形码", .gtin), SheetColumn("商品名称", .nameZh),
                       SheetColumn("库存数量", .quantity), SheetColumn("单位", .unit), SheetColumn("日期", .date)]
        if store { columns.insert(SheetColumn("门店编码", .store), at: 0) }
        return try SheetLayout(kind: .stock, columns: columns, format: format, naming: naming(pattern, split: split),
                               units: ["pcs": "件", "jar": "瓶"])
    }

    /// Wu Mart-like order sheet, with an optional name column.
    static func orderLayout(_ format: SheetFormat = format()) throws(MarketSyncError) -> SheetLayout {
        try SheetLayout(kind: .orders, columns: [
            SheetColumn("订单号", .orderNumber), SheetColumn("订货日期", .orderDate), SheetColumn("门店编码", .store),
            SheetColumn("行号", .lineNumber), SheetColumn("商品编码", .itemCode), SheetColumn("条形码", .gtin, optional: true),
            SheetColumn("商品名称", .nameZh, optional: true), SheetColumn("订货数量", .quantity), SheetColumn("单价", .price),
        ], format: format, naming: nil)
    }

    /// Wu Mart-like order response, one file per order.
    static func responseLayout(_ format: SheetFormat = format()) throws(MarketSyncError) -> SheetLayout {
        try SheetLayout(kind: .orderResponse, columns: [
            SheetColumn("订单号", .orderNumber), SheetColumn("门店编码", .store), SheetColumn("行号", .lineNumber),
            SheetColumn("商品编码", .itemCode), SheetColumn("订货数量", .quantity), SheetColumn("确认数量", .acceptedQuantity),
            SheetColumn("状态", .status), SheetColumn("原因", .reason), SheetColumn("日期", .date),
        ], format: format, naming: naming("WM_DDQR_{order}_{date}.csv", split: .order),
           statusTexts: SheetStatusTexts(accepted: "接受", refused: "拒绝"))
    }

    static let stockRows = [
        SheetStockRow(item: 11, sku: "YUG-LB-250", listing: nil, quantity: 48),
        SheetStockRow(item: 12, sku: "YUG-CN-500", listing: "WM100234", quantity: 120),
        SheetStockRow(item: nil, sku: "YUG-VS-400", listing: nil, quantity: 0),
        SheetStockRow(item: 13, sku: "YUG-HV-300", listing: nil, quantity: 7),
    ]

    /// The bytes of a file in `Fixtures/`.
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
        return Array(try Data(contentsOf: url))
    }

    /// UTF-8 text as bytes.
    static func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// The text of UTF-8 bytes (a test failure when they are not).
    static func text(_ bytes: [UInt8]) -> String {
        String(validating: bytes, as: UTF8.self) ?? "<not UTF-8>"
    }

    /// The error `body` throws, or nil (recorded as a failure) when it throws none.
    static func error<T>(_ body: () throws(MarketSyncError) -> T) -> MarketSyncError? {
        do {
            _ = try body()
            Issue.record("expected a MarketSyncError")
            return nil
        } catch {
            return error
        }
    }
}
