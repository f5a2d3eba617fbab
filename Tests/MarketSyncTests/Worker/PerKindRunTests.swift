import Foundation
import Logging
import Testing
@testable import MarketSync
import MarketSyncStore

/// The engine runs only the kinds of work asked for: orders pull without sending stock, stock sends without a pull.
@Suite struct PerKindRunTests: EngineTestSupport {
    @Test func ordersAloneNeitherSendsStockNorPricesAndStockAloneDoesNotPull() async throws {
        let store = try makeStore(), adapter = ScriptedAdapter()
        _ = try await store.applyImport([product("A", stock: 3)], source: "t", at: start)
        let clock = SteppingClock(now: start)
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: Logger(label: "test"))
        let engine = SyncEngine(store: store, runners: [runner], clock: clock, logger: Logger(label: "test"))

        let orders = try await engine.sync(reports: [], work: ["test": [.orders]])
        #expect(adapter.pulls.count > 0)
        #expect(adapter.stockCalls.isEmpty && adapter.priceCalls.isEmpty)
        #expect(try await store.pendingOutbox(for: "test").map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.price, .stock])
        #expect(orders.work == ["test": [.orders]])

        let pulls = adapter.pulls.count
        let stock = try await engine.sync(reports: [], work: ["test": [.stock]])
        #expect(adapter.pulls.count == pulls)
        #expect(adapter.stockCalls.count == 1 && adapter.priceCalls.isEmpty)
        #expect(try await store.pendingOutbox(for: "test").map(\.kind) == [.price])
        #expect(stock.channels[0].pushed == 1)
    }
}
