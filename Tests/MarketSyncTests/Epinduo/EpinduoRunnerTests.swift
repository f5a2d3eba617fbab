@testable import Epinduo
@testable import EpinduoSandbox
import Foundation
import Logging
import MarketSync
@testable import MarketSyncStore
import MarketSyncTesting
import Testing

/// The real Epinduo adapter driven by the real `ChannelRunner`, against the sandbox in process and a SQLite store:
/// what a sync does when the channel misbehaves the way the platform can.
@Suite("Epinduo through the ChannelRunner")
struct EpinduoRunnerTests {
    let start = Date(timeIntervalSince1970: 1_795_000_000)
    let rules = ChannelRules(stock: StockRule(), price: PriceRule(rate: DecimalRatio("0.1")!, currency: .cny, stepMinor: 10, rounding: .nearest))

    /// A sandbox, an adapter on it (page size 2) and a runner over a fresh store, all on one stepping clock.
    struct Wiring {
        let clock: SteppingClock
        let sandbox: EpinduoSandbox
        let store: SQLiteStore
        let runner: ChannelRunner
    }

    func wiring(pageSize: Int = 2, initialLookback: Duration = .seconds(33 * 60)) throws -> Wiring {
        let clock = SteppingClock(now: start)
        let sandbox = EpinduoSandbox(clientID: "client", clientSecret: "secret-for-the-runner-tests", accessToken: "token",
                                     clock: clock)
        let settings = EpinduoSettings(baseURL: try #require(URL(string: "http://127.0.0.1:8931/api/router")), clientID: "client",
                                       clientSecret: "secret-for-the-runner-tests", accessToken: "token", pageSize: pageSize)
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let adapter = EpinduoAdapter(channel: "epinduo", settings: settings,
                                     transport: HandlerTransport { await sandbox.handle($0) }, clock: clock, logger: logger)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("epinduo-runner-\(UUID().uuidString)")
        let store = try SQLiteStore(path: folder.appendingPathComponent("s.sqlite").path)
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: logger,
                                   retry: RetryPolicy(maxAttempts: 4, initialDelay: .seconds(1), maxDelay: .seconds(8)),
                                   initialLookback: initialLookback)
        return Wiring(clock: clock, sandbox: sandbox, store: store, runner: runner)
    }

    func order(_ number: String, minutesAgo: Int64, sku: String = "SKU-1") -> EpinduoSandboxOrder {
        EpinduoSandboxOrder(orderSN: number, updatedAt: Int64(start.timeIntervalSince1970) - minutesAgo * 60,
                            items: [.init(goodsID: "100", skuID: "200", outerID: sku, goodsCount: 1, goodsPriceFen: 990)])
    }

    @Test func noOrderIsMissedWhenOrdersChangeBetweenPageReads() async throws {
        let wiring = try wiring()
        // Seven orders in the one window of the first pull ([now − 33 min, now − 3 min]), four pages of two.
        wiring.sandbox.upsertOrders((1...7).map { order("O\($0)", minutesAgo: 30 - Int64($0)) })
        // After each of the first three page reads the newest order still in the window changes (it moves to now).
        wiring.sandbox.setOrderChurn(EpinduoSandboxOrderChurn(ordersPerRead: 1, times: 3))
        let first = try await wiring.runner.pull()
        #expect(first.stopped == nil)
        // The orders that changed are read by the next pull, whose window reaches now.
        wiring.clock.advance(seconds: 600)
        let second = try await wiring.runner.pull()
        #expect(second.stopped == nil)
        let stored = Set(try await wiring.store.orders(for: "epinduo").map(\.order.id))
        #expect(stored == Set((1...7).map { "O\($0)" }), "orders never stored: \(Set((1...7).map { "O\($0)" }).subtracting(stored).sorted())")
    }

    func product(_ sku: SKU, listing: String, stock: Int64) -> Product {
        Product(sku: sku, gtin: nil, names: LocalizedNames(ru: "Товар", zh: "", en: ""), unit: "pcs",
                basePrice: Money(minorUnits: 10_000, currency: .rub),
                lots: [StockLot(warehouse: "main", lot: "-", quantity: stock)], listings: ["epinduo": listing])
    }

    func sync(_ wiring: Wiring) async throws -> ChannelResult {
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        return try await SyncEngine(store: wiring.store, runners: [wiring.runner], clock: wiring.clock, logger: logger)
            .sync(reports: []).channels[0]
    }

    @Test func aGarbledAnswerIsRetriedLikeAnOutage() async throws {
        let wiring = try wiring()
        _ = try await wiring.store.applyImport([product("NUT", listing: "100:201", stock: 5), product("JAM", listing: "100:202", stock: 3)],
                                               source: "t", at: start)
        wiring.sandbox.upsertOrders([order("O1", minutesAgo: 20, sku: "NUT"), order("O2", minutesAgo: 10, sku: "NUT")])
        let orderList = "pdd.order.number.list.increment.get"
        wiring.sandbox.addFaults([
            // A gateway's page, then a list cut off halfway; the third read is answered.
            EpinduoSandboxFault(type: orderList, garble: .html), EpinduoSandboxFault(type: orderList, garble: .truncated),
            EpinduoSandboxFault(type: "pdd.goods.quantity.update", skuID: "201", times: 2, garble: .html),
            // Served, the answer lost: the retry sets the same prices again.
            EpinduoSandboxFault(type: "pdd.goods.sku.price.update", goodsID: "100", garble: .truncated),
        ])
        let result = try await sync(wiring)
        #expect(result.stopped == nil)
        #expect(result.failed == 0)
        #expect(result.ordersNew == 2)
        #expect(result.pushed == 4)
        #expect(result.retries == 5)
        #expect(wiring.sandbox.state.faults.isEmpty)
        #expect(wiring.sandbox.state.stock["100:201"]?.quantity == 3) // 5 on hand, 2 reserved by the two orders
        #expect(try await wiring.store.pendingOutbox(for: "epinduo").isEmpty)
    }

    @Test func aGarbledAnswerThatPersistsLeavesTheItemPendingWithTheReason() async throws {
        let wiring = try wiring()
        _ = try await wiring.store.applyImport([product("NUT", listing: "100:201", stock: 5)], source: "t", at: start)
        wiring.sandbox.addFaults([EpinduoSandboxFault(type: "pdd.goods.quantity.update", times: 10, garble: .html)])
        let result = try await sync(wiring)
        #expect(result.stopped == nil)
        #expect(result.failed == 1)
        #expect(result.pushed == 1) // the price
        #expect(result.retries == 3)
        let pending = try await wiring.store.pendingOutbox(for: "epinduo")
        let stock = try #require(pending.first)
        #expect(pending.count == 1 && stock.kind == .stock && stock.status == .pending)
        let reason = try #require(stock.lastError)
        #expect(reason.contains("pdd.goods.quantity.update") && reason.contains("502 Bad Gateway"))
        #expect(try await wiring.store.failedOutbox(for: "epinduo").isEmpty)
    }
}
