import Foundation
import Logging
import Testing
@testable import MarketSync
import MarketSyncStore

@Suite struct ChannelRunnerTests {
    let start = Date(timeIntervalSince1970: 1_795_000_000)
    let rules = ChannelRules(stock: StockRule(), price: PriceRule(rate: DecimalRatio("0.1")!, currency: .cny, stepMinor: 10, rounding: .nearest))

    func makeStore() throws -> SQLiteStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runner-\(UUID().uuidString)")
        return try SQLiteStore(path: folder.appendingPathComponent("s.sqlite").path)
    }

    func product(_ sku: SKU, stock: Int64, priceRUB: Int64 = 10000) -> Product {
        Product(sku: sku, gtin: nil, names: LocalizedNames(ru: "Товар", zh: "", en: ""), unit: "pcs",
                basePrice: Money(minorUnits: priceRUB, currency: .rub),
                lots: [StockLot(warehouse: "main", lot: "-", quantity: stock)], listings: ["test": "1:\(sku)"])
    }

    func runner(_ adapter: ScriptedAdapter, _ store: SQLiteStore, _ clock: SteppingClock, attempts: Int = 4) -> ChannelRunner {
        ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: Logger(label: "test"),
                      retry: RetryPolicy(maxAttempts: attempts, initialDelay: .seconds(1), maxDelay: .seconds(8)))
    }

    @Test func firstRunPushesEverythingSecondRunNothing() async throws {
        let store = try makeStore(), adapter = ScriptedAdapter(), clock = SteppingClock(now: start)
        _ = try await store.applyImport([product("A", stock: 5), product("B", stock: 0)], source: "t", at: start)
        let first = try await runner(adapter, store, clock).run()
        #expect(first.pushed == 4)
        #expect(first.failed == 0)
        #expect(adapter.stockCalls.count == 2)
        #expect(adapter.priceCalls.count == 1)
        let second = try await runner(adapter, store, clock).run()
        #expect(second.pushed == 0)
        #expect(second.unchanged == 2)
        #expect(adapter.stockCalls.count == 2)
        #expect(try await store.pendingOutbox(for: "test").isEmpty)
    }

    @Test func throttlingIsRetriedWithBackoffOnTheInjectedClock() async throws {
        let store = try makeStore(), adapter = ScriptedAdapter(), clock = SteppingClock(now: start)
        _ = try await store.applyImport([product("A", stock: 5)], source: "t", at: start)
        adapter.script(.fail(MarketSyncError(.rateLimited, "too frequent", retryAfter: .seconds(3))),
                       .fail(MarketSyncError(.channelUnavailable, "503")))
        let result = try await runner(adapter, store, clock).run()
        #expect(result.pushed == 2)
        #expect(result.retries == 2)
        #expect(adapter.stockCalls.count == 3)
        // The first wait honours Retry-After (3 s > the 1 s backoff ceiling); the second is in [1 s, 2 s].
        #expect(clock.sleeps.count == 2)
        #expect(clock.sleeps[0] == .seconds(3))
        #expect(clock.sleeps[1] >= .seconds(1) && clock.sleeps[1] <= .seconds(2))
        let offers = try await store.acknowledgedOffers(for: "test")
        #expect(offers.first?.quantity == 5)
    }

    @Test func retriesRunOutAndTheItemStaysQueuedForTheNextRun() async throws {
        let store = try makeStore(), adapter = ScriptedAdapter(), clock = SteppingClock(now: start)
        _ = try await store.applyImport([product("A", stock: 5)], source: "t", at: start)
        let transient = MarketSyncError(.transport, "connection refused")
        adapter.script(.fail(transient), .fail(transient), .fail(transient))
        let result = try await runner(adapter, store, clock, attempts: 3).run()
        #expect(result.failed == 1)
        #expect(result.pushed == 1) // the price went through
        let pending = try await store.pendingOutbox(for: "test")
        #expect(pending.map(\.kind) == [.stock])
        let next = try await runner(adapter, store, clock).run()
        #expect(next.pushed == 1)
        #expect(try await store.pendingOutbox(for: "test").isEmpty)
    }

    @Test func aRejectedItemIsParkedWhileTheRestSucceeds() async throws {
        let store = try makeStore(), adapter = ScriptedAdapter(priceBatchSize: 20), clock = SteppingClock(now: start)
        _ = try await store.applyImport([product("A", stock: 1), product("B", stock: 2)], source: "t", at: start)
        adapter.script(.accept, .accept, .failItems(["B": MarketSyncError(.validation, "price below platform minimum", key: "sub_code")]))
        let result = try await runner(adapter, store, clock).run()
        #expect(result.failed == 1)
        #expect(result.pushed == 3)
        #expect(result.errors.contains { $0.contains("price below platform minimum") })
        let parked = try await store.failedOutbox(for: "test")
        #expect(parked.map(\.key) == ["B"])
        #expect(parked.first?.kind == .price)
    }

    @Test func ordersArePagedAcrossWindowsDeduplicatedAndReserveStock() async throws {
        let store = try makeStore(), adapter = ScriptedAdapter(), clock = SteppingClock(now: start)
        _ = try await store.applyImport([product("A", stock: 10)], source: "t", at: start)
        func order(_ id: String, minutesAgo: Double, quantity: Int64, state: OrderState = .readyToShip) -> ChannelOrder {
            ChannelOrder(id: id, state: state, rawStatus: "s", updatedAt: start.addingTimeInterval(-minutesAgo * 60),
                         lines: [OrderLine(sku: "A", quantity: quantity)])
        }
        // Three orders in the older window (two pages of two), one at the boundary both windows read, one cancelled.
        adapter.setOrders([order("O1", minutesAgo: 50, quantity: 1), order("O2", minutesAgo: 45, quantity: 1),
                           order("O3", minutesAgo: 40, quantity: 1), order("O4", minutesAgo: 31.5, quantity: 2),
                           order("O5", minutesAgo: 10, quantity: 5, state: .cancelled)])
        let result = try await runner(adapter, store, clock).run()
        #expect(result.ordersNew == 5)
        // The lookback of 60 min − 3 min lag: windows [−60, −30] and [−32, −3]: O4 is read by both, stored once.
        #expect(Set(adapter.pulls.map { $0.0 }).count == 2)
        #expect(adapter.pulls.contains { $0.1 == 2 })
        #expect(try await store.orders(for: "test").count == 5)
        // Open orders hold 1+1+1+2 = 5 of 10; the cancelled one holds nothing.
        #expect(adapter.stockCalls.last?.first?.quantity == 5)
        #expect(try await store.orderCursor(for: "test") == start.addingTimeInterval(-180))
    }
}
