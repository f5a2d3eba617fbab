import Foundation
import InMemoryLogging
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncStore
import MarketSyncTesting

/// One chain's sheet exchange in a temporary folder: a config naming `adapter: sheets` with the chain's layouts, a
/// `SQLiteStore` beside it, a `file://` drop (the chain's inbox, outbox, archive, quarantine), a manual clock, and
/// logs kept in memory. The adapter is made by `SheetsFactory` from the config; runs go through the real engine.
struct SheetChannelFixture {
    let folder: URL
    let storePath: String
    private(set) var store: SQLiteStore
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_741_168_800))   // 2025-03-05 10:00 UTC, 18:00 in Shanghai
    let logs = InMemoryLogHandler()
    let channel: ChannelID
    let settings: ChannelSettings

    static let cedarNuts = "4601234500012"
    static let lingonberry = "4601234500029"

    /// A chain configured by `options` (YAML under the channel's `options:`, indented by six spaces), in `timeZone`
    /// (nil: no `time_zone` key).
    init(channel: ChannelID = "wumart", options: String = SheetChannelFixture.wuMart, timeZone: String? = "Asia/Shanghai") throws {
        self.channel = channel
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sheet-channel-\(UUID().uuidString)", isDirectory: true)
        for sub in ["drop/outbox", "drop/inbox"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let config = """
            store:
              sqlite: store/marketsync.sqlite
            sources:
              - path: catalog.csv
            rates:
              CNY: "1"
            channels:
              \(channel):
                adapter: sheets
                endpoint: file://\(folder.path)/drop
            \(timeZone.map { "    time_zone: \($0)" } ?? "")
                options:
            \(options)
            """
        let path = folder.appendingPathComponent("marketsync.yaml").path
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = try ConfigLoader(environment: [:]).load(path: path)
        guard let settings = configuration.channels.first else { throw MarketSyncError(.config, "no channel in the test config") }
        self.settings = settings
        storePath = folder.appendingPathComponent("store/marketsync.sqlite").path
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("store"), withIntermediateDirectories: true)
        store = try SQLiteStore(path: storePath)
    }

    /// Removes the folder (call in a `defer`).
    func remove() {
        try? store.close()
        try? FileManager.default.removeItem(at: folder)
    }

    var logger: Logger {
        let handler = logs
        return Logger(label: "sheet-channel-test") { _ in handler }
    }

    /// The adapter the factory makes from the config, on the current store.
    func adapter() throws -> any ChannelAdapter {
        try SheetsFactory(environment: [:]).makeAdapter(settings, transport: UnusedTransport(), clock: clock, logger: logger, store: store)
    }

    /// Wu Mart's example layouts (docs/retail-sheets.md): GB18030, Chinese headers, an answer file per order.
    static let wuMart = """
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
                    6: {field: date, header: 日期}
                price:
                  file_name: "WM_JG_{date}_{seq:4}.csv"
                  columns:
                    1: {field: item_code, header: 商品编码}
                    2: {field: gtin, header: 条形码}
                    3: {field: name_zh, header: 商品名称}
                    4: {field: price, header: 单价}
                    5: {field: currency, header: 币种}
                    6: {field: date, header: 生效日期}
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
                    9: {field: date, header: 日期}
        """

    /// A product listed on the channel under the chain's item code, with a Chinese name.
    func product(_ sku: String, gtin: String?, itemCode: String, stock: Int64, priceCNY: Int64, zh: String, unit: String = "pcs",
                 listed: Bool = true) -> Product {
        Product(sku: SKU(sku), gtin: gtin.flatMap { try? GTIN(validating: $0) }, names: LocalizedNames(ru: "Товар", zh: zh, en: ""),
                unit: unit, basePrice: Money(minorUnits: priceCNY, currency: .cny),
                lots: [StockLot(warehouse: "main", lot: "-", quantity: stock)], listings: listed ? [channel: itemCode] : [:])
    }

    /// Cedar nuts (10 in stock, 480.00) and lingonberry jam (5 in stock, 320.00), both listed; a product not listed.
    func catalog(cedarStock: Int64 = 10, lingonberryStock: Int64 = 5) -> [Product] {
        [product("YUG-CN-200", gtin: Self.cedarNuts, itemCode: "100201", stock: cedarStock, priceCNY: 48_000, zh: "松子 200克"),
         product("YUG-LB-300", gtin: Self.lingonberry, itemCode: "100202", stock: lingonberryStock, priceCNY: 32_000, zh: "越橘果酱 300克",
                 unit: "jar"),
         product("YUG-NOT-LISTED", gtin: "4601234500036", itemCode: "-", stock: 7, priceCNY: 100, zh: "鹿肉肠", listed: false)]
    }

    func importCatalog(_ products: [Product]) async throws {
        _ = try await store.applyImport(products, source: "test", at: clock.now())
    }

    /// The engine over one runner for `adapter`, on the current store; the clock moves a minute first, so every run
    /// has a new order window. Prices are planned 1:1 in CNY.
    func engine(_ adapter: any ChannelAdapter) -> SyncEngine {
        clock.advance(by: .seconds(60))
        let rules = ChannelRules(stock: StockRule(), price: PriceRule(rate: DecimalRatio(units: 1, scale: 0), currency: .cny, stepMinor: 1,
                                                                       rounding: .nearest))
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: logger,
                                   retry: RetryPolicy(maxAttempts: 1))
        return SyncEngine(store: store, runners: [runner], clock: clock, logger: logger)
    }

    /// One run through the engine with the factory's adapter; its channel's result.
    func sync() async throws -> ChannelResult {
        try await engine(adapter()).sync(reports: []).channels[0]
    }

    /// Closes the store and opens the same file again: the next process.
    mutating func restart() throws {
        try store.close()
        store = try SQLiteStore(path: storePath)
    }

    /// Writes `bytes` into the chain's outbox, as the chain would, with its modification time.
    func place(_ bytes: [UInt8], as name: String, secondsAgo: Int = 30) throws {
        let url = folder.appendingPathComponent("drop/outbox/\(name)")
        try Data(bytes).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: clock.now().addingTimeInterval(TimeInterval(-secondsAgo))],
                                              ofItemAtPath: url.path)
    }

    /// The names in one of the drop's folders, sorted.
    func names(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: self.folder.appendingPathComponent("drop/\(folder)").path)) ?? []).sorted()
    }

    /// The bytes of a file in one of the drop's folders.
    func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent("drop/\(relative)")))
    }

    /// Log entries with `message`, their metadata.
    func logged(_ message: String) -> [Logger.Metadata] {
        logs.entries.filter { $0.message.description == message }.map(\.metadata)
    }
}

/// An adapter that never archives what it read: a process killed after the orders were stored and before the files
/// were settled. Everything else goes to the adapter it wraps.
struct SettleSkipping: ChannelAdapter {
    let base: any ChannelAdapter
    var channel: ChannelID { base.channel }
    var capabilities: ChannelCapabilities { base.capabilities }
    func pushStock(_ updates: [StockUpdate]) async throws -> PushOutcome { try await base.pushStock(updates) }
    func pushPrices(_ updates: [PriceUpdate]) async throws -> PushOutcome { try await base.pushPrices(updates) }
    func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage {
        try await base.pullOrders(in: window, after: continuation)
    }
    func settle(_ settlements: [OrderSettlement]) async throws {}
    func confirmShipment(_ shipment: Shipment) async throws { try await base.confirmShipment(shipment) }
    func respond(_ response: OrderResponse) async throws { try await base.respond(response) }
    func verifyAccess() async throws { try await base.verifyAccess() }
}
