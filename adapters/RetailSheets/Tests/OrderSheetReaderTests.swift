import Foundation
import MarketSync
import RetailSheets
import Testing

@Suite("Order sheets are read into orders waiting for an answer")
struct OrderSheetReaderTests {
    static let received = SheetFixtures.run.addingTimeInterval(60)
    /// 2026-11-27 00:00 in Shanghai.
    static let nov27 = Date(timeIntervalSince1970: 1_795_708_800)

    static func reader(_ layout: SheetLayout? = nil, timeZone: TimeZone = SheetFixtures.shanghai) throws(MarketSyncError) -> OrderSheetReader {
        let layout = if let layout { layout } else { try SheetFixtures.orderLayout() }
        return try OrderSheetReader(layout: layout, catalog: SheetFixtures.catalog, timeZone: timeZone)
    }

    static func read(_ text: String, layout: SheetLayout? = nil) throws(MarketSyncError) -> OrderSheetReading {
        try reader(layout).read(SheetFixtures.utf8(text), file: "orders.csv", receivedAt: received)
    }

    @Test("a GB18030 sheet made by iconv reads into orders by number, lines linked by item code, dates in Shanghai, unknown columns ignored")
    func gb18030() throws {
        let reading = try Self.reader().read(SheetFixtures.fixture("wumart-orders.gb18030.csv"), file: "in/PO.csv", receivedAt: Self.received)
        #expect(reading.encoding == .gb18030)
        #expect(reading.problems.isEmpty)
        #expect(reading.heldBack.isEmpty)
        #expect(reading.orders.map(\.number) == ["PO-1001", "PO-1002"])
        let first = try #require(reading.orders.first)
        #expect(first.order == ChannelOrder(id: "PO-1001", state: .pendingAcceptance, rawStatus: "order_sheet", updatedAt: Self.received, lines: [
            OrderLine(sku: "YUG-CN-500", quantity: 24, unitPrice: Money(minorUnits: 3850, currency: .cny), listing: "WM100234", id: "1",
                      state: .pendingAcceptance),
            OrderLine(sku: "YUG-VS-400", quantity: 12, unitPrice: Money(minorUnits: 5990, currency: .cny), listing: "WM100238", id: "2",
                      state: .pendingAcceptance),
        ], placedAt: Self.nov27))
        #expect(first.store == "1101")
        #expect(first.lines.map(\.gtin) == ["4601234500012", "4601234500050"])
        #expect(first.lines.map(\.sheetLine) == [2, 3])
        #expect(first.file == "in/PO.csv")
        let second = try #require(reading.orders.last)
        #expect(second.store == "1102")
        #expect(second.placedAt == Self.nov27.addingTimeInterval(86_400))
        #expect(second.lines.map(\.line.sku) == ["YUG-LB-250"])
        #expect(second.lines.map(\.gtin) == [nil], "an empty optional cell is no value")
    }

    @Test("UTF-8 with or without a byte order mark reads the same orders; GB18030 under a UTF-8-only layout stops at the header")
    func utf8() throws {
        let gb = try Self.reader().read(SheetFixtures.fixture("wumart-orders.gb18030.csv"), file: "a.csv", receivedAt: Self.received)
        let plain = try SheetFixtures.fixture("wumart-orders.utf8.csv")
        for (bytes, encoding) in [(plain, SheetEncoding.utf8), ([0xEF, 0xBB, 0xBF] + plain, .utf8BOM)] {
            let reading = try Self.reader().read(bytes, file: "a.csv", receivedAt: Self.received)
            #expect(reading.encoding == encoding)
            #expect(reading.orders.map(\.order) == gb.orders.map(\.order))
            #expect(reading.orders.map(\.store) == gb.orders.map(\.store))
        }
        let utf8Only = try SheetFixtures.orderLayout(SheetFixtures.format(.utf8))
        let gbBytes = try SheetFixtures.fixture("wumart-orders.gb18030.csv")
        let error = SheetFixtures.error { () throws(MarketSyncError) in
            try Self.reader(utf8Only).read(gbBytes, file: "a.csv", receivedAt: Self.received)
        }
        #expect(error?.code == .sheetEncoding)
        #expect(error?.file == "a.csv")
        #expect(error?.line == 1)
    }

    @Test("bad rows are reported with file, line and column and skipped; an order with a bad row is held back whole; the rest is read")
    func badRows() throws {
        let reading = try Self.read("""
            订单号,订货日期,门店编码,行号,商品编码,订货数量,单价
            PO-2001,2026-11-27,1101,1,WM100234,24,38.50
            PO-2001,2026-11-27,1101,2,WM100235,abc,19.90
            PO-2002,2026-11-27,1102,1,WM100236,5,20
            ,2026-11-27,1102,1,WM100237,5,20
            PO-2003,2026-11-27,1103,1,WM999999,1,1.00
            PO-2002,2026-11-27,1102,2,WM100237,3,12.5
            """)
        #expect(reading.orders.map(\.number) == ["PO-2002"])
        #expect(reading.orders.first?.order.lines.map(\.id) == ["1", "2"])
        #expect(reading.orders.first?.order.lines.map(\.sku) == ["YUG-HV-300", "YUG-PC-100"])
        #expect(reading.orders.first?.order.lines.map(\.unitPrice?.minorUnits) == [2000, 1250])

        #expect(reading.problems.map(\.line) == [3, 5, 6])
        #expect(reading.problems.map(\.key) == ["订货数量", "订单号", "商品编码"])
        #expect(reading.problems.allSatisfy { $0.code == .sheetRow && $0.file == "orders.csv" })
        #expect(reading.problems[0].description.hasPrefix("orders.csv:3: 订货数量: "), "\(reading.problems[0])")
        #expect(reading.problems[0].message.contains("\"abc\" is not a whole number"))
        #expect(reading.problems[1].message.contains("no order number"))
        #expect(reading.problems[2].message.contains("unknown item code \"WM999999\""))

        #expect(reading.heldBack.map(\.number) == ["PO-2001", "PO-2003"])
        #expect(reading.heldBack.map(\.badLines) == [[3], [6]])
        #expect(reading.heldBack.map(\.rowCount) == [2, 1])
        #expect(reading.heldBack.first?.error.line == 3)
        #expect(reading.heldBack.map(\.error.message) == [
            "order \"PO-2001\" is held back whole: its row at line 3 cannot be read, so none of its 2 rows is stored",
            "order \"PO-2003\" is held back whole: its row at line 6 cannot be read, so none of its 1 row is stored",
        ])
    }

    @Test("a header without a column the layout requires stops the file, naming the column")
    func missingColumn() throws {
        let error = SheetFixtures.error { () throws(MarketSyncError) in
            try Self.read("订单号,订货日期,门店编码,行号,商品编码,单价\nPO-1,2026-11-27,1101,1,WM100234,1.00\n")
        }
        #expect(error?.code == .sheetFormat)
        #expect(error?.key == "订货数量")
        #expect(error?.file == "orders.csv")
        #expect(error?.line == 1)
        #expect(error?.message.contains("quantity") == true)

        let twice = SheetFixtures.error { () throws(MarketSyncError) in
            try Self.read("订单号,订货日期,门店编码,行号,商品编码,订货数量,单价,订单号\n")
        }
        #expect(twice?.code == .sheetFormat)
        #expect(twice?.key == "订单号")

        let empty = SheetFixtures.error { () throws(MarketSyncError) in try Self.read("\n\n") }
        #expect(empty?.code == .sheetFormat)
    }

    @Test("a cell whose bytes are not GB18030 costs its order, not the file")
    func badBytes() throws {
        var bytes = try SheetFixtures.fixture("wumart-orders.gb18030.csv")
        let code = Array("WM100235".utf8)
        let start = try #require(bytes.indices.first { bytes[$0...].starts(with: code) })
        bytes.replaceSubrange(start..<(start + code.count), with: [0x57, 0x81, 0x7F])
        let reading = try Self.reader().read(bytes, file: "b.csv", receivedAt: Self.received)
        #expect(reading.encoding == .gb18030)
        #expect(reading.orders.map(\.number) == ["PO-1001"])
        #expect(reading.heldBack.map(\.number) == ["PO-1002"])
        #expect(reading.problems.first?.code == .sheetEncoding)
        #expect(reading.problems.first?.key == "商品编码")
        #expect(reading.problems.first?.line == 4)
    }

    @Test("order dates and times are read in the chain's zone; a day that does not exist is a bad row")
    func timeZones() throws {
        let layout = try SheetLayout(kind: .orders, columns: [SheetColumn("PO", .orderNumber), SheetColumn("Date", .orderDate),
                                                              SheetColumn("SKU", .sku), SheetColumn("Qty", .quantity)],
                                     format: SheetFormat(dateFormat: try #require(SheetDateFormat(pattern: "yyyy-MM-dd HH:mm"))), naming: nil)
        let moscow = try #require(TimeZone(identifier: "Europe/Moscow"))
        let reading = try Self.reader(layout, timeZone: moscow).read(SheetFixtures.utf8("""
            po,date,sku,qty
            A-1,2026-11-27 09:30,YUG-CN-500,1
            A-2,2026-02-30 10:00,YUG-CN-500,1
            """), file: "t.csv", receivedAt: Self.received)
        #expect(reading.orders.first?.placedAt == Date(timeIntervalSince1970: 1_795_744_800 + 4 * 3600 + 30 * 60))
        #expect(reading.problems.map(\.key) == ["Date"])
        #expect(reading.heldBack.map(\.number) == ["A-2"])
    }

    @Test("rows of one order must agree on store and date; without a line number column lines are numbered in sheet order")
    func consistency() throws {
        let reading = try Self.read("""
            订单号,订货日期,门店编码,行号,商品编码,订货数量,单价
            PO-3001,2026-11-27,1101,1,WM100234,1,1.00
            PO-3001,2026-11-27,1102,2,WM100235,1,1.00
            PO-3002,2026-11-27,1101,7,WM100234,1,1.00
            PO-3002,2026-11-27,1101,7,WM100235,1,1.00
            """)
        #expect(reading.heldBack.map(\.number) == ["PO-3001", "PO-3002"])
        #expect(reading.problems.map(\.key) == ["门店编码", "行号"])

        let unnumbered = try SheetLayout(kind: .orders, columns: [SheetColumn("PO", .orderNumber), SheetColumn("SKU", .sku),
                                                                  SheetColumn("Qty", .quantity)], naming: nil)
        let numbered = try Self.read("PO,SKU,Qty\nB-1,YUG-CN-500,2\nB-1,YUG-CN-500,3\n", layout: unnumbered)
        #expect(numbered.orders.first?.order.lines.map(\.id) == ["1", "2"])
        #expect(numbered.orders.first?.lines.map(\.lineNumber) == [nil, nil])
    }

    @Test("every identity a row gives must name the same known product; a GTIN's check digit is checked")
    func identities() throws {
        let layout = try SheetLayout(kind: .orders, columns: [SheetColumn("PO", .orderNumber), SheetColumn("SKU", .sku, optional: true),
                                                              SheetColumn("GTIN", .gtin, optional: true), SheetColumn("Qty", .quantity)],
                                     naming: nil)
        let reading = try Self.read("""
            PO,SKU,GTIN,Qty
            C-1,YUG-CN-500,4601234500012,1
            C-2,YUG-CN-500,4601234500029,1
            C-3,,4601234500011,1
            C-4,,04601234500029,2
            C-5,,,2
            C-6,YUG-CN-500,,0
            """, layout: layout)
        #expect(reading.orders.map(\.number) == ["C-1", "C-4"])
        #expect(reading.orders.last?.order.lines.first?.sku == "YUG-LB-250", "a GTIN-14 with a leading zero is the GTIN-13")
        #expect(reading.problems.map(\.line) == [3, 4, 6, 7])
        #expect(reading.problems.map(\.key) == ["GTIN", "GTIN", "SKU", "Qty"])
        #expect(reading.problems[1].message.contains("check digit"))
    }

    @Test("a row with more fields than the header (an unquoted delimiter) is a bad row, not a shifted one")
    func fieldCount() throws {
        let reading = try Self.read("""
            订单号,订货日期,门店编码,行号,商品编码,订货数量,单价
            PO-4001,2026-11-27,1101,1,WM100234,1,1,00
            PO-4002,2026-11-27,1101,1,WM100234,1,1.00,,
            """)
        #expect(reading.heldBack.map(\.number) == ["PO-4001"])
        #expect(reading.orders.map(\.number) == ["PO-4002"], "trailing empty fields are no harm")
        #expect(reading.problems.map(\.line) == [2])
    }
}
