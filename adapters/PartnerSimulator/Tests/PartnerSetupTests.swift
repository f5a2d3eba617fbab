import Foundation
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncTesting
import PartnerSimulator
import RetailSheets
import Testing

/// `marketsync partner`'s wiring: the simulator made from a config (the channel's profile or sheet layouts, its drop
/// seen from the partner's side, the catalog of its sources), a sheet chain's round trip through the RetailSheets
/// codec, and config problems named by their key.
@Suite struct PartnerSetupTests {
    struct Setup {
        let folder: URL
        let configuration: SyncConfiguration
        func remove() { try? FileManager.default.removeItem(at: folder) }
        func names(_ relative: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("drop/\(relative)").path)) ?? [])
                .filter { !$0.hasPrefix(".") }.sorted()
        }
        func contents(_ relative: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent("drop/\(relative)")) }
        func write(_ bytes: [UInt8], _ relative: String) throws { try Data(bytes).write(to: folder.appendingPathComponent("drop/\(relative)")) }
    }

    static let wumartSheets = """
        sheets:
                format: {encoding: gb18030, delimiter: ",", line_ending: crlf, date_format: yyyy-MM-dd, currency: CNY}
                units: {pcs: 件, jar: 瓶}
                stock:
                  file_name: "WM_KC_{date}_{seq:4}.csv"
                  columns:
                    1: {field: item_code, header: 商品编码}
                    2: {field: gtin, header: 条形码}
                    3: {field: name_zh, header: 商品名称}
                    4: {field: quantity, header: 库存数量}
                    5: {field: unit, header: 单位}
                orders:
                  columns:
                    1: {field: order_number, header: 订单号}
                    2: {field: order_date, header: 订货日期}
                    3: {field: store, header: 门店编码}
                    4: {field: line_number, header: 行号}
                    5: {field: item_code, header: 商品编码}
                    6: {field: gtin, header: 条形码, optional: true}
                    7: {field: quantity, header: 订货数量}
                    8: {field: price, header: 单价}
                order_response:
                  file_name: "WM_DDQR_{order}_{date}.csv"
                  split: order
                  accepted_text: 接受
                  refused_text: 拒绝
                  columns:
                    1: {field: order_number, header: 订单号}
                    2: {field: store, header: 门店编码}
                    3: {field: line_number, header: 行号}
                    4: {field: item_code, header: 商品编码}
                    5: {field: quantity, header: 订货数量}
                    6: {field: accepted_quantity, header: 确认数量}
                    7: {field: status, header: 状态}
                    8: {field: reason, header: 原因}
        """

    func load(adapter: String, options: String) throws -> Setup {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partner-setup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("drop/inbox"), withIntermediateDirectories: true)
        let text = """
            store:
              sqlite: state/marketsync.sqlite
            sources:
              - path: catalog.csv
            rates:
              CNY: "0.0825"
            channels:
              wumart:
                adapter: \(adapter)
                endpoint: file://\(folder.path)/drop
                time_zone: Asia/Shanghai
                options:
                  \(options)
            """
        try text.write(to: folder.appendingPathComponent("marketsync.yaml"), atomically: true, encoding: .utf8)
        try """
            sku,gtin,name_ru,name_zh,name_en,unit,price_rub,stock,listing:wumart
            YUG-CN-500,4601234500012,Кедровый орех,西伯利亚松子,Cedar nuts,pcs,480,5,WM100234
            YUG-LB-250,4601234500029,Брусника,越橘果酱,Lingonberry jam,jar,300,5,WM100235
            """.write(to: folder.appendingPathComponent("catalog.csv"), atomically: true, encoding: .utf8)
        return Setup(folder: folder, configuration: try ConfigLoader(environment: [:]).load(path: folder.appendingPathComponent("marketsync.yaml").path))
    }

    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_741_168_800))   // 2025-03-05 18:00 in Shanghai

    @Test func aSheetChainsOrderIsReadByOurSheetCodecAndItsAnswerAndStockSheetsAreReadBack() async throws {
        let setup = try load(adapter: "sheets", options: Self.wumartSheets)
        defer { setup.remove() }
        let simulator = try PartnerSetup.simulator(setup.configuration, channel: "wumart", clock: clock, environment: [:])
        // The orders layout's price column is required, and the simulator never makes a price up.
        await #expect(throws: MarketSyncError.self) {
            _ = try await simulator.run(order: PartnerOrderRequest(lines: [.init(sku: "YUG-CN-500", quantity: 2)]))
        }
        let placed = try await simulator.run(order: PartnerOrderRequest(
            lines: try PartnerOrderRequest.lines(from: "YUG-CN-500=2@38.50,YUG-LB-250=24@12"), number: "PO-1001"))
        #expect(placed.order?.name == "ORDERS_PO-1001.csv")
        #expect(placed.order?.lines.map(\.item) == ["WM100234", "WM100235"])
        let bytes = Array(try setup.contents("outbox/ORDERS_PO-1001.csv"))
        #expect(String(validating: bytes, as: UTF8.self) == nil)   // GB18030, as the layout says, not UTF-8

        // Our codec reads the sheet the simulator wrote.
        let settings = try #require(setup.configuration.channels.first)
        let layouts = try ChainSheetLayouts(options: settings.options, prefix: "sheets", keyPath: "channels.wumart.options")
        let products = try CatalogReader().read(path: setup.folder.appendingPathComponent("catalog.csv").path).products
        let catalog = SheetCatalog(products: products, channel: "wumart")
        let reading = try OrderSheetReader(layout: try #require(layouts.orders), catalog: catalog, timeZone: settings.timeZone.zone)
            .read(bytes, file: "ORDERS_PO-1001.csv", receivedAt: clock.now())
        #expect(reading.problems.isEmpty && reading.heldBack.isEmpty)
        let order = try #require(reading.orders.first)
        #expect(order.number == "PO-1001")
        #expect(order.store == PartnerProfile.defaultStore)
        #expect(order.order.lines.map(\.sku) == ["YUG-CN-500", "YUG-LB-250"])
        #expect(order.order.lines.map(\.quantity) == [2, 24])
        #expect(order.order.lines.map(\.unitPrice) == [Money(minorUnits: 3850, currency: .cny), Money(minorUnits: 1200, currency: .cny)])

        // Our answer (line 1 accepted, line 2 refused) and a stock sheet go into the inbox; the chain reads both back.
        let rows = OrderResponseSheetRow.rows(for: order, decisions: [OrderLineDecision(line: "1", accepted: true),
                                                                       OrderLineDecision(line: "2", accepted: false)])
        let responseLayout = try #require(layouts.orderResponse)
        let answer = try #require(try OrderResponseSheetWriter(layout: responseLayout, catalog: catalog).write(rows, on: clock.now()).files.first)
        try setup.write(answer.bytes, "inbox/\(answer.name)")
        let stockLayout = try #require(layouts.stock)
        let stock = try #require(try StockSheetWriter(layout: stockLayout, catalog: catalog)
            .write(products.map { SheetStockRow(item: nil, sku: $0.sku, listing: $0.listings["wumart"], quantity: $0.onHand) },
                   on: clock.now()).files.first)
        try setup.write(stock.bytes, "inbox/\(stock.name)")

        let report = try await simulator.run(order: nil)
        #expect(report.exitStatus == 0)
        let answerReport = try #require(report.files.first { $0.name == answer.name })
        #expect(answerReport.messageType == "order response sheet")
        #expect(answerReport.answers == [PartnerAnswer(orderNumber: "PO-1001", decision: .partlyAccepted, lines: [
            PartnerLineDecision(line: "1", item: "WM100234", accepted: true, quantity: 2),
            PartnerLineDecision(line: "2", item: "WM100235", accepted: false, quantity: 0),
        ])])
        let stockReport = try #require(report.files.first { $0.name == stock.name })
        #expect(stockReport.messageType == "stock sheet")
        #expect(stockReport.lines == 2)
        #expect(setup.names("inbox") == ["read"])
    }

    @Test func anEANCOMChannelFromTheConfigWritesItsOrderByTheCatalogsGTIN() async throws {
        let setup = try load(adapter: "eancom", options: #"{our_gln: "4607654300010", chain_gln: "6901234500011", currency: CNY, messages: {invrpt: EAN008, orders: EAN008, ordrsp: EAN005}}"#)
        defer { setup.remove() }
        let simulator = try PartnerSetup.simulator(setup.configuration, channel: "wumart", clock: clock, environment: [:])
        let report = try await simulator.run(order: PartnerOrderRequest(lines: [.init(sku: "YUG-LB-250", quantity: 3)], number: "PO-7"))
        #expect(report.order?.lines.map(\.item) == ["4601234500029"])
        let text = String(decoding: try setup.contents("outbox/ORDERS_PO-7.edi"), as: UTF8.self)
        #expect(text.contains("UNB+UNOC:3+6901234500011:14+4607654300010:14+250305:1800+"))
        #expect(text.contains("LIN+1++4601234500029:EN'QTY+21:3'"))
    }

    @Test(arguments: [("epinduo", "{}", "channels.wumart.adapter"),
                      ("eancom", #"{chain_gln: "6901234500011", currency: CNY, messages: {orders: EAN008}}"#, "channels.wumart.options.our_gln"),
                      ("sheets", #"{sheets: {stock: {file_name: "S.csv", columns: {1: {field: price, header: X}}}}}"#, "channels.wumart.options.sheets.stock.columns.1")])
    func aChannelWithoutAPartnerSideOrAWrongProfileIsAConfigErrorNamingTheKey(adapter: String, options: String, key: String) throws {
        let setup = try load(adapter: adapter, options: options)
        defer { setup.remove() }
        do {
            _ = try PartnerSetup.simulator(setup.configuration, channel: "wumart", clock: clock, environment: [:])
            Issue.record("no error for \(adapter) \(options)")
        } catch let error as MarketSyncError {
            #expect(error.code == .config)
            #expect(error.key == key)
        }
        #expect(throws: MarketSyncError.self) {
            _ = try PartnerSetup.simulator(setup.configuration, channel: "nope", clock: clock, environment: [:])
        }
    }
}
