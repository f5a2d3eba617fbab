@testable import Epinduo
@testable import EpinduoSandbox
import Foundation
import Logging
import MarketSync
import MarketSyncHTTP
import MarketSyncStore
import MarketSyncTesting
import Prometheus

/// The real Epinduo adapter on its sandbox in process, the real engine over a SQLite store in a temporary folder,
/// the engine's counters and the endpoint's gauges in one Prometheus registry of the test's own, and the endpoint
/// over all of it; every clock the same manual one.
struct StatusWiring {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    static let secret = "secret-for-the-status-tests"

    let clock: ManualClock
    let sandbox: EpinduoSandbox
    let store: SQLiteStore
    let engine: SyncEngine
    let registry: PrometheusCollectorRegistry
    let endpoint: StatusEndpoint

    /// Wiring whose adapter signs with `secret` (a wrong one makes the sandbox refuse the credentials).
    init(secret: String = StatusWiring.secret) throws {
        clock = ManualClock(now: Self.start)
        sandbox = EpinduoSandbox(clientID: "client", clientSecret: Self.secret, accessToken: "token", clock: clock)
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        guard let url = URL(string: "http://127.0.0.1:8931/api/router") else { throw MarketSyncError(.config, "bad test URL") }
        let settings = EpinduoSettings(baseURL: url, clientID: "client", clientSecret: secret, accessToken: "token", pageSize: 10)
        let sandbox = self.sandbox
        let adapter = EpinduoAdapter(channel: "epinduo", settings: settings, transport: HandlerTransport { await sandbox.handle($0) },
                                     clock: clock, logger: logger)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("status-\(UUID().uuidString)")
        store = try SQLiteStore(path: folder.appendingPathComponent("store.sqlite").path)
        registry = PrometheusCollectorRegistry()
        let metrics = EngineMetrics(factory: PrometheusMetricsFactory(registry: registry))
        let rules = ChannelRules(stock: StockRule(), price: PriceRule(rate: DecimalRatio(units: 1, scale: 1), currency: .cny, stepMinor: 10,
                                                                         rounding: .nearest))
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: logger,
                                   retry: RetryPolicy(maxAttempts: 1, initialDelay: .seconds(1), maxDelay: .seconds(1)),
                                   initialLookback: .seconds(60 * 60), metrics: metrics)
        engine = SyncEngine(store: store, runners: [runner], clock: clock, logger: logger)
        let source = StatusSource(store: store, status: store, channels: ["epinduo"], clock: clock)
        endpoint = StatusEndpoint(source: source, registry: registry, settings: StatusEndpointSettings(address: HTTPListenAddress(host: "127.0.0.1", port: 0)),
                                  logger: logger)
    }

    /// The store file.
    var storePath: String { store.path }

    /// Two products listed on Epinduo, imported into the store.
    func importCatalog() async throws {
        func product(_ sku: SKU, listing: String, stock: Int64) -> Product {
            Product(sku: sku, gtin: nil, names: LocalizedNames(ru: "Товар", zh: "", en: ""), unit: "pcs",
                    basePrice: Money(minorUnits: 10_000, currency: .rub),
                    lots: [StockLot(warehouse: "main", lot: "-", quantity: stock)], listings: ["epinduo": listing])
        }
        _ = try await store.applyImport([product("NUT", listing: "100:201", stock: 5), product("JAM", listing: "100:202", stock: 3)],
                                        source: "test", at: clock.now())
    }

    /// An order on the sandbox, updated `minutesAgo` before now, for one NUT.
    func addOrder(_ number: String, minutesAgo: Int64) {
        sandbox.upsertOrders([EpinduoSandboxOrder(orderSN: number, updatedAt: Int64(clock.now().timeIntervalSince1970) - minutesAgo * 60,
                                                  items: [.init(goodsID: "100", skuID: "201", outerID: "NUT", goodsCount: 1, goodsPriceFen: 990)])])
    }

    /// The stock update of JAM is refused as invalid, once.
    func rejectJamStock() {
        sandbox.addFaults([EpinduoSandboxFault(type: "pdd.goods.quantity.update", skuID: "202", errorCode: 50001,
                                               errorMessage: "goods under review", subCode: "goods_in_review")])
    }

    /// One engine run.
    @discardableResult
    func sync() async throws -> RunSummary {
        try await engine.sync(reports: [])
    }
}
