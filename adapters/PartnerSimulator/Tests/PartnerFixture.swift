import EDI
import Foundation
import Logging
import MarketSync
import MarketSyncStore
import MarketSyncTesting
import MarketSyncWire
import PartnerSimulator

/// One chain's file exchange in a temporary folder, seen from both sides: our `LocalFolderDrop` and the partner's view
/// of the same folders, a `SQLiteStore` beside them, a manual clock. Our side runs through the real engine.
struct PartnerFixture {
    let folder: URL
    let store: SQLiteStore
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_741_168_800))   // 2025-03-05 10:00 UTC
    let drop: LocalFolderDrop
    let partnerDrop: LocalFolderDrop
    let channel: ChannelID

    static let us = gln("4607654300010")
    static let chain = gln("6901234500011")
    static let cedarNuts = gtin("4601234500012")
    static let lingonberry = gtin("4601234500029")
    static let zone = TimeZone(identifier: "Asia/Shanghai") ?? .current

    init(channel: ChannelID) throws {
        self.channel = channel
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("partner-\(UUID().uuidString)", isDirectory: true)
        for sub in ["drop/outbox", "drop/inbox"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        store = try SQLiteStore(path: folder.appendingPathComponent("store/marketsync.sqlite").path)
        let settings = FileDropSettings(url: folder.appendingPathComponent("drop", isDirectory: true))
        drop = try LocalFolderDrop(settings: settings)
        partnerDrop = try LocalFolderDrop(settings: settings.partnerView)
    }

    /// Removes the folder (call in a `defer`).
    func remove() {
        try? store.close()
        try? FileManager.default.removeItem(at: folder)
    }

    var logger: Logger { Logger(label: "partner-test") { _ in SwiftLogNoOpLogHandler() } }

    static func gln(_ text: String) -> GLN {
        do { return try GLN(validating: text) } catch { preconditionFailure("fixture GLN \(text): \(error)") }
    }

    static func gtin(_ text: String) -> GTIN {
        do { return try GTIN(validating: text) } catch { preconditionFailure("fixture GTIN \(text): \(error)") }
    }

    /// Cedar nuts (10 in stock) and lingonberry jam (5), listed on the channel under their GTINs.
    var products: [Product] {
        [product("YUG-CN-200", gtin: Self.cedarNuts, stock: 10, en: "Cedar nuts 200g"),
         product("YUG-LB-300", gtin: Self.lingonberry, stock: 5, en: "Lingonberry jam 300g")]
    }

    func product(_ sku: String, gtin: GTIN, stock: Int64, en: String) -> Product {
        Product(sku: SKU(sku), gtin: gtin, names: LocalizedNames(ru: "Товар", zh: "商品", en: en), unit: "pcs",
                basePrice: Money(minorUnits: 10_000, currency: .rub), lots: [StockLot(warehouse: "main", lot: "-", quantity: stock)],
                listings: [channel: gtin.digits])
    }

    /// Imports `products`, the cedar nuts' stock set to `cedarStock` when given.
    func importCatalog(cedarStock: Int64? = nil) async throws {
        var products = products
        if let cedarStock { products[0].lots = [StockLot(warehouse: "main", lot: "-", quantity: cedarStock)] }
        _ = try await store.applyImport(products, source: "test", at: clock.now())
    }

    /// One engine run over `adapter`; the clock moves a minute first, so every run has a new order window.
    func sync(_ adapter: any ChannelAdapter, currency: Currency = .cny) async throws -> ChannelResult {
        clock.advance(by: .seconds(60))
        let rules = ChannelRules(stock: StockRule(), price: PriceRule(rate: DecimalRatio(units: 1, scale: 1), currency: currency,
                                                                       stepMinor: 10, rounding: .nearest))
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: logger,
                                   retry: RetryPolicy(maxAttempts: 1))
        return try await SyncEngine(store: store, runners: [runner], clock: clock, logger: logger).sync(reports: []).channels[0]
    }

    /// The simulator playing the chain with `profile`, the catalog of `products`.
    func simulator(_ profile: PartnerProfile) -> PartnerSimulator {
        PartnerSimulator(channel: channel, profile: profile, drop: partnerDrop, catalog: PartnerCatalog(products: products, channel: channel),
                         clock: clock)
    }

    /// The names in one of the drop's folders (`inbox/read`), sorted.
    func names(_ relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("drop/\(relative)").path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Writes `text` into our inbox as if we had delivered it.
    func deliver(_ text: String, as name: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent("drop/inbox/\(name)"))
    }

    /// The bytes of a file of the drop.
    func contents(_ relative: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent("drop/\(relative)"))
    }
}
