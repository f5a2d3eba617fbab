import MarketSync
import RetailSheets
import Testing

@Suite("Sheet layouts are built from config keys, and a wrong key is named")
struct ChainSheetLayoutsConfigTests {
    /// A chain's options as the config loader flattens them, each on its own line from 10 on.
    static let base: [(String, String)] = [
        ("sheets.format.encoding", "gb18030"),
        ("sheets.format.date_format", "yyyy-MM-dd"),
        ("sheets.units.pcs", "件"),
        ("sheets.units.jar", "瓶"),
        ("sheets.stock.file_name", "WM_KC_{date}_{seq:4}.csv"),
        ("sheets.stock.columns.1.field", "item_code"), ("sheets.stock.columns.1.header", "商品编码"),
        ("sheets.stock.columns.2.field", "gtin"), ("sheets.stock.columns.2.header", "条形码"),
        ("sheets.stock.columns.3.field", "name_zh"), ("sheets.stock.columns.3.header", "商品名称"),
        ("sheets.stock.columns.4.field", "quantity"), ("sheets.stock.columns.4.header", "库存数量"),
        ("sheets.stock.columns.5.field", "unit"), ("sheets.stock.columns.5.header", "单位"),
        ("sheets.stock.columns.6.field", "date"), ("sheets.stock.columns.6.header", "日期"),
        ("sheets.price.file_name", "WM_JG_{date}.csv"),
        ("sheets.price.encoding", "utf-8-bom"),
        ("sheets.price.delimiter", ";"),
        ("sheets.price.decimal_mark", ","),
        ("sheets.price.quoting", "always"),
        ("sheets.price.line_ending", "lf"),
        ("sheets.price.currency", "rub"),
        ("sheets.price.columns.1.field", "sku"), ("sheets.price.columns.1.header", "Артикул"),
        ("sheets.price.columns.2.field", "price"), ("sheets.price.columns.2.header", "Цена"),
        ("sheets.orders.columns.1.field", "order_number"), ("sheets.orders.columns.1.header", "订单号"),
        ("sheets.orders.columns.2.field", "item_code"), ("sheets.orders.columns.2.header", "商品编码"),
        ("sheets.orders.columns.3.field", "quantity"), ("sheets.orders.columns.3.header", "订货数量"),
        ("sheets.orders.columns.4.field", "price"), ("sheets.orders.columns.4.header", "单价"),
        ("sheets.orders.columns.4.optional", "true"),
    ]

    static func options(_ pairs: [(String, String)]) -> [String: ConfigValue] {
        var options: [String: ConfigValue] = [:]
        for (offset, pair) in pairs.enumerated() { options[pair.0] = ConfigValue(text: pair.1, line: 10 + offset) }
        return options
    }

    static func layouts(_ pairs: [(String, String)]) throws(MarketSyncError) -> ChainSheetLayouts {
        try ChainSheetLayouts(options: options(pairs), keyPath: "channels.wumart.options", file: "/etc/ms/marketsync.yaml")
    }

    @Test("the keys give the same layouts as code does; sheets without keys are nil; each sheet may override the defaults")
    func sameAsCode() throws {
        let layouts = try Self.layouts(Self.base)
        #expect(layouts.stock == (try SheetFixtures.stockLayout()))
        #expect(layouts.orderResponse == nil)
        let price = try #require(layouts.price)
        #expect(price.format == SheetFormat(delimiter: .semicolon, quoting: .always, decimalMark: ",", lineEnding: .lf,
                                            encoding: .utf8BOM, currency: .rub))
        #expect(price.naming?.pattern == "WM_JG_{date}.csv")
        let orders = try #require(layouts.orders)
        #expect(orders.columns == [SheetColumn("订单号", .orderNumber), SheetColumn("商品编码", .itemCode), SheetColumn("订货数量", .quantity),
                                   SheetColumn("单价", .price, optional: true)])
        #expect(orders.format.encoding == .gb18030)
        #expect(layouts[.orders] == orders)
        #expect(try Self.layouts([]) == ChainSheetLayouts())
    }

    /// (a key to change or add, its value, the key and line the error must name)
    @Test(arguments: [
        ("sheets.format.encoding", "big5", "channels.wumart.options.sheets.format.encoding", 10),
        ("sheets.stock.columns.3.field", "name_cn", "channels.wumart.options.sheets.stock.columns.3.field", 19),
        ("sheets.stock.columns.8.field", "store", "channels.wumart.options.sheets.stock.columns.7", nil),
        ("sheets.stock.colums.1.field", "sku", "channels.wumart.options.sheets.stock.colums.1.field", 47),
        ("sheets.price.delimiter", "|", "channels.wumart.options.sheets.price.delimiter", 29),
        ("sheets.price.decimal_mark", "·", "channels.wumart.options.sheets.price.decimal_mark", 30),
        ("sheets.price.currency", "yuan", "channels.wumart.options.sheets.price.currency", 33),
        ("sheets.format.date_format", "dd.MM.yy", "channels.wumart.options.sheets.format.date_format", 11),
        ("sheets.stock.file_name", "a/{date}.csv", "channels.wumart.options.sheets.stock.file_name", 14),
        ("sheets.stock.file_name", "{time}.csv", "channels.wumart.options.sheets.stock.file_name", 14),
        ("sheets.stock.split", "store", "channels.wumart.options.sheets.stock.file_name", 14),
        ("sheets.stock.split", "order", "channels.wumart.options.sheets.stock.file_name", 14),
        ("sheets.stock.columns.4.field", "price", "channels.wumart.options.sheets.stock.columns.4", 21),
        ("sheets.stock.columns.2.field", "item_code", "channels.wumart.options.sheets.stock.columns.2", 17),
        ("sheets.stock.columns.2.header", " 商品编码 ", "channels.wumart.options.sheets.stock.columns.2", 17),
        ("sheets.orders.columns.1.field", "store", "channels.wumart.options.sheets.orders.columns", 38),
        ("sheets.orders.columns.4.optional", "maybe", "channels.wumart.options.sheets.orders.columns.4.optional", 46),
        ("sheets.orders.columns.x.field", "sku", "channels.wumart.options.sheets.orders.columns.x", 47),
        ("sheets.orders.columns.5", "sku", "channels.wumart.options.sheets.orders.columns.5", 47),
        ("sheets.orders.file_name", "o.csv", "channels.wumart.options.sheets.orders.file_name", 47),
        ("sheets.order_response.accepted_text", "ok", "channels.wumart.options.sheets.order_response.columns", nil),
        ("sheets.stock.quoting", "some", "channels.wumart.options.sheets.stock.quoting", 47),
    ] as [(String, String, String, Int?)])
    func errorsNameTheKey(_ key: String, _ value: String, _ expectedKey: String, _ expectedLine: Int?) throws {
        var pairs = Self.base
        if let index = pairs.firstIndex(where: { $0.0 == key }) {
            pairs[index].1 = value
        } else {
            pairs.append((key, value))
        }
        let error = try #require(SheetFixtures.error { () throws(MarketSyncError) in try Self.layouts(pairs) })
        #expect(error.code == .config)
        #expect(error.key == expectedKey, "\(error)")
        #expect(error.file == "/etc/ms/marketsync.yaml")
        #expect(error.line == expectedLine, "\(error)")
    }

    @Test("keys outside the prefix are the adapter's, not the sheets'")
    func otherKeysAreLeftAlone() throws {
        let layouts = try Self.layouts(Self.base + [("delivery.inbox", "/in"), ("sheetsy", "x")])
        #expect(layouts.stock != nil)
    }
}
