import Epinduo
import EpinduoSandbox
import Foundation
import Logging
import MarketSync
import MarketSyncStore
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

    func order(_ number: String, minutesAgo: Int64) -> EpinduoSandboxOrder {
        EpinduoSandboxOrder(orderSN: number, updatedAt: Int64(start.timeIntervalSince1970) - minutesAgo * 60,
                            items: [.init(goodsID: "100", skuID: "200", outerID: "SKU-1", goodsCount: 1, goodsPriceFen: 990)])
    }

    @Test func noOrderIsMissedWhenOrdersChangeBetweenPageReads() async throws {
        let wiring = try wiring()
        // Seven orders in the one window of the first pull ([now − 33 min, now − 3 min]), four pages of two.
        wiring.sandbox.upsertOrders((1...7).map { order("O\($0)", minutesAgo: 30 - Int64($0)) })
        // After each of the first three page reads the newest order still in the window changes (it moves to now).
        wiring.sandbox.setOrderChurn(EpinduoSandboxOrderChurn(ordersPerRead: 1, times: 3))
        let first = try await wiring.runner.pull()
        #expect(first.aborted == nil)
        // The orders that changed are read by the next pull, whose window reaches now.
        wiring.clock.advance(seconds: 600)
        let second = try await wiring.runner.pull()
        #expect(second.aborted == nil)
        let stored = Set(try await wiring.store.orders(for: "epinduo").map(\.order.id))
        #expect(stored == Set((1...7).map { "O\($0)" }), "orders never stored: \(Set((1...7).map { "O\($0)" }).subtracting(stored).sorted())")
    }
}
