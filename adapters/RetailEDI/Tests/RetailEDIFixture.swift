import EDI
import Foundation
import InMemoryLogging
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncStore
import MarketSyncTesting
import MarketSyncWire
import RetailEDI

/// One retail chain's file exchange in a temporary folder: a `LocalFolderDrop` (the chain's inbox, outbox, archive,
/// quarantine), a `SQLiteStore` beside it, a manual clock, and logs kept in memory. Runs go through the real engine.
struct RetailEDIFixture {
    let folder: URL
    let storePath: String
    private(set) var store: SQLiteStore
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_741_168_800))   // 2025-03-05 10:00 UTC
    let logs = InMemoryLogHandler()
    let drop: LocalFolderDrop
    let channel: ChannelID

    static let us = gln("4607654300010")
    static let chain = gln("6901234500011")
    static let cedarNuts = gtin("4601234500012")
    static let lingonberry = gtin("4601234500029")
    static let zone = TimeZone(identifier: "Asia/Shanghai") ?? .current

    init(channel: ChannelID) throws {
        self.channel = channel
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("retail-edi-\(UUID().uuidString)", isDirectory: true)
        for sub in ["drop/outbox", "drop/inbox"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        storePath = folder.appendingPathComponent("store/marketsync.sqlite").path
        store = try SQLiteStore(path: storePath)
        drop = try LocalFolderDrop(settings: FileDropSettings(url: folder.appendingPathComponent("drop", isDirectory: true)))
    }

    /// Removes the folder (call in a `defer`).
    func remove() {
        try? store.close()
        try? FileManager.default.removeItem(at: folder)
    }

    var logger: Logger {
        let handler = logs
        return Logger(label: "retail-edi-test") { _ in handler }
    }

    static func gln(_ text: String) -> GLN {
        do { return try GLN(validating: text) } catch { preconditionFailure("fixture GLN \(text): \(error)") }
    }

    static func gtin(_ text: String) -> GTIN {
        do { return try GTIN(validating: text) } catch { preconditionFailure("fixture GTIN \(text): \(error)") }
    }

    /// A product listed on the channel under its GTIN (what the chain knows it by and orders it under).
    func product(_ sku: String, gtin: GTIN, stock: Int64, priceRUB: Int64 = 10_000, en: String = "", ru: String = "Товар",
                 listed: Bool = true) -> Product {
        Product(sku: SKU(sku), gtin: gtin, names: LocalizedNames(ru: ru, zh: "", en: en), unit: "pcs",
                basePrice: Money(minorUnits: priceRUB, currency: .rub), lots: [StockLot(warehouse: "main", lot: "-", quantity: stock)],
                listings: listed ? [channel: gtin.digits] : [:])
    }

    func importCatalog(_ products: [Product]) async throws {
        _ = try await store.applyImport(products, source: "test", at: clock.now())
    }

    /// The engine over one runner for `adapter`, on the current store; the clock moves a minute first, so every run
    /// has a new order window.
    func engine(_ adapter: any ChannelAdapter) -> SyncEngine {
        clock.advance(by: .seconds(60))
        let rules = ChannelRules(stock: StockRule(), price: PriceRule(rate: DecimalRatio(units: 1, scale: 1), currency: .cny, stepMinor: 10,
                                                                       rounding: .nearest))
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: logger,
                                   retry: RetryPolicy(maxAttempts: 1))
        return SyncEngine(store: store, runners: [runner], clock: clock, logger: logger)
    }

    /// Closes the store and opens the same file again: the next process.
    mutating func restart() throws {
        try store.close()
        store = try SQLiteStore(path: storePath)
    }

    /// Writes a file into the chain's outbox, as the chain would, with its modification time.
    func place(_ text: String, as name: String, secondsAgo: Int = 30) throws {
        let url = folder.appendingPathComponent("drop/outbox/\(name)")
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: clock.now().addingTimeInterval(TimeInterval(-secondsAgo))],
                                              ofItemAtPath: url.path)
    }

    /// The names in one of the drop's folders, sorted.
    func names(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: self.folder.appendingPathComponent("drop/\(folder)").path)) ?? []).sorted()
    }

    /// The bytes of the files in the chain's inbox whose names start with `prefix`, by name.
    func delivered(_ prefix: String) throws -> [(name: String, bytes: Data)] {
        try names("inbox").filter { $0.hasPrefix(prefix) }.map { name in
            (name, try Data(contentsOf: folder.appendingPathComponent("drop/inbox/\(name)")))
        }
    }

    func text(_ relative: String) -> String? {
        FileManager.default.contents(atPath: folder.appendingPathComponent("drop/\(relative)").path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Log messages at `level` or above, with their metadata.
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
