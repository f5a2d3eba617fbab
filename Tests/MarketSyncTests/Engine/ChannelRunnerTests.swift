import Foundation
import Logging
import Testing
@testable import MarketSync
import MarketSyncStore
import Synchronization

@Suite struct ChannelRunnerTests: EngineTestSupport {
    /// One sync of the scripted channel through the real engine.
    struct Sync {
        let engine: SyncEngine
        func run() async throws -> ChannelResult { try await engine.sync(reports: []).channels[0] }
    }

    func runner(_ adapter: ScriptedAdapter, _ store: SQLiteStore, _ clock: SteppingClock, attempts: Int = 4) -> Sync {
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: Logger(label: "test"),
                                   retry: RetryPolicy(maxAttempts: attempts, initialDelay: .seconds(1), maxDelay: .seconds(8)))
        return Sync(engine: SyncEngine(store: store, runners: [runner], clock: clock, logger: Logger(label: "test")))
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
        // Nothing changed since the first plan: the incremental plan looks at no SKU and sends nothing.
        #expect(second.planned == 0)
        let full = try await runner(adapter, store, clock).engine.sync(reports: [], fullPlan: true).channels[0]
        #expect(full.planned == 2)
        #expect(full.unchanged == 2)
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
        #expect(result.errors.contains { $0.sku == "B" && $0.code == "validation" && $0.message.contains("price below platform minimum") })
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
        #expect(adapter.pulls.contains { $0.1 == OrderContinuation("2") })
        #expect(try await store.orders(for: "test").count == 5)
        // Open orders hold 1+1+1+2 = 5 of 10; the cancelled one holds nothing.
        #expect(adapter.stockCalls.last?.first?.quantity == 5)
        #expect(try await store.orderCursor(for: "test") == start.addingTimeInterval(-180))
    }

    @Test func aParkedItemIsNotQueuedAgainForTheSameValue() async throws {
        let store = try makeStore(), adapter = ScriptedAdapter(), clock = SteppingClock(now: start)
        _ = try await store.applyImport([product("A", stock: 1)], source: "t", at: start)
        adapter.script(.failItems(["A": MarketSyncError(.validation, "goods locked")]))
        let first = try await runner(adapter, store, clock).run()
        #expect(first.failed == 1)
        let calls = adapter.stockCalls.count + adapter.priceCalls.count
        let again = try await runner(adapter, store, clock).engine.sync(reports: [], fullPlan: true).channels[0]
        #expect(again.failed == 0)
        #expect(adapter.stockCalls.count + adapter.priceCalls.count == calls)
        #expect(try await store.failedOutbox(for: "test").count == 1)
        // A new value is a new attempt.
        _ = try await store.applyImport([product("A", stock: 2)], source: "t", at: start)
        let changed = try await runner(adapter, store, clock).run()
        #expect(changed.pushed == 1)
    }

    @Test func aRetryOfAnOlderValueIsDroppedWhenANewerOneWasPlannedMeanwhile() async throws {
        let store = try makeStore(), adapter = ScriptedAdapter(), clock = SteppingClock(now: start)
        _ = try await store.applyImport([product("A", stock: 5)], source: "t", at: start)
        adapter.script(.fail(MarketSyncError(.rateLimited, "too frequent")))
        // While the engine waits to retry the stock of A (5), another run queues a newer value (9).
        clock.onSleep.withLock { $0 = {
            _ = try await store.enqueue([OutboxDraft(channel: "test", key: "A", listing: "1:A", payload: .stock(quantity: 9))], at: Date())
        } }
        let result = try await runner(adapter, store, clock).run()
        clock.onSleep.withLock { $0 = nil }
        #expect(result.superseded == 1)
        // 5 went out once (throttled) and was not resent; 9 stays queued for the next send.
        #expect(adapter.stockCalls.map { $0.map(\.quantity) } == [[5]])
        let queued: [Int64] = try await store.pendingOutbox(for: "test").compactMap { item -> Int64? in
            guard case let .stock(quantity) = item.payload else { return nil }
            return quantity
        }
        #expect(queued == [9])
    }

    @Test func theCircuitOpensAfterConsecutiveFailedSendsAndTheRestStaysQueued() async throws {
        let store = try makeStore(), clock = SteppingClock(now: start)
        let adapter = ScriptedAdapter()
        _ = try await store.applyImport((0..<6).map { product(SKU("S\($0)"), stock: 1) }, source: "t", at: start)
        let down = MarketSyncError(.transport, "connection refused")
        for _ in 0..<20 { adapter.script(.fail(down)) }
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: Logger(label: "test"),
                                   retry: RetryPolicy(maxAttempts: 2, initialDelay: .seconds(1)), breaker: CircuitBreaker(threshold: 2))
        let result = try await SyncEngine(store: store, runners: [runner], clock: clock, logger: Logger(label: "test")).sync(reports: []).channels[0]
        #expect(result.stopped?.message.contains("circuit") == true)
        #expect(result.stopped?.code == "transport")
        #expect(result.status == "unreachable")
        // Two batches of one SKU failed twice each, then the channel stopped: 4 calls, everything still queued.
        #expect(adapter.stockCalls.count == 4)
        #expect(try await store.pendingOutbox(for: "test").count == 12)
    }

    @Test func circuitBreakerStateMachine() {
        var breaker = CircuitBreaker(threshold: 2, cooldown: .seconds(60))
        var answers: [Bool] = []
        answers.append(breaker.allows(at: start))
        answers.append(breaker.recordFailure(at: start))
        answers.append(breaker.recordFailure(at: start))                       // opens
        answers.append(breaker.allows(at: start.addingTimeInterval(59)))       // still open
        answers.append(breaker.allows(at: start.addingTimeInterval(60)))       // half-open: one trial
        answers.append(breaker.recordFailure(at: start.addingTimeInterval(61))) // opens again
        answers.append(breaker.allows(at: start.addingTimeInterval(62)))
        answers.append(breaker.allows(at: start.addingTimeInterval(200)))
        #expect(answers == [true, false, true, false, true, true, false, true])
        breaker.recordSuccess()
        #expect(breaker.state == .closed(failures: 0))
    }

    @Test func aPriceJumpIsHeldUntilApprovedThenPushedOnce() async throws {
        let store = try makeStore(), adapter = ScriptedAdapter(), clock = SteppingClock(now: start)
        var guarded = rules
        guarded.price.maxChange = Percent("30%")
        func sync() async throws -> ChannelResult {
            let runner = ChannelRunner(adapter: adapter, store: store, rules: guarded, clock: clock, logger: Logger(label: "test"))
            return try await SyncEngine(store: store, runners: [runner], clock: clock, logger: Logger(label: "test")).sync(reports: []).channels[0]
        }
        _ = try await store.applyImport([product("A", stock: 1, priceRUB: 10_000)], source: "t", at: start)
        #expect(try await sync().pushed == 2)                       // 10.00 CNY acknowledged
        _ = try await store.applyImport([product("A", stock: 1, priceRUB: 20_000)], source: "t", at: start)
        let held = try await sync()                                // 20.00 CNY is +100 %
        #expect(held.held == 1)
        #expect(held.pushed == 0)
        #expect(try await store.heldChanges(for: "test").map(\.to.minorUnits) == [2000])
        #expect(try await store.approveHeldChanges(channel: "test", skus: nil, at: start) == 1)
        let approved = try await sync()
        #expect(approved.pushed == 1)
        #expect(adapter.priceCalls.last?.first?.price.minorUnits == 2000)
        #expect(try await store.heldChanges(for: "test").isEmpty)
        // The approval was used once: another jump is held again.
        _ = try await store.applyImport([product("A", stock: 1, priceRUB: 40_000)], source: "t", at: start)
        #expect(try await sync().held == 1)
    }

    @Test func aShutdownRequestLetsTheBatchInFlightFinishAndStartsNoOther() async throws {
        let store = try makeStore(), adapter = ScriptedAdapter(), clock = SteppingClock(now: start)
        _ = try await store.applyImport((0..<5).map { product(SKU("S\($0)"), stock: 1) }, source: "t", at: start)
        let shutdown = ShutdownSignal()
        adapter.onStockCall.withLock { $0 = { shutdown.request() } }
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: Logger(label: "test"), shutdown: shutdown)
        let result = try await SyncEngine(store: store, runners: [runner], clock: clock, logger: Logger(label: "test")).sync(reports: []).channels[0]
        #expect(result.pushed == 1)                                   // the stock of S0, in flight when asked to stop
        #expect(result.stopped?.message.contains("shutdown") == true)
        #expect(result.status == "interrupted")
        #expect(try await store.pendingOutbox(for: "test").count == 9) // 4 stock + 5 prices wait for the next run
        #expect(try await store.acknowledgedOffers(for: "test").map(\.sku) == ["S0"])
    }

    @Test func aChannelThatStopsAnsweringIsCutOffAndTheOthersStillSync() async throws {
        let store = try makeStore(), clock = SteppingClock(now: start)
        let stuck = ScriptedAdapter(channel: "stuck"), healthy = ScriptedAdapter(channel: "healthy")
        stuck.hangsOnPull.withLock { $0 = true }
        var listed = product("A", stock: 3)
        listed.listings = ["stuck": "1:A", "healthy": "2:A"]
        _ = try await store.applyImport([listed], source: "t", at: start)
        let runners = [stuck, healthy].map { ChannelRunner(adapter: $0, store: store, rules: rules, clock: clock, logger: Logger(label: "test")) }
        let summary = try await SyncEngine(store: store, runners: runners, clock: clock, logger: Logger(label: "test"),
                                           pullDeadline: .seconds(2)).sync(reports: [])
        #expect(summary.channels[0].stopped?.message.contains("took longer") == true)
        #expect(summary.channels[1].pushed == 2)
        #expect(summary.channels[1].stopped == nil)
        #expect(stuck.stockCalls.isEmpty)
    }

    @Test func aChannelNotDueIsPlannedAndQueuedButNotSentTo() async throws {
        let store = try makeStore(), clock = SteppingClock(now: start)
        let due = ScriptedAdapter(channel: "due"), later = ScriptedAdapter(channel: "later")
        var listed = product("A", stock: 3)
        listed.listings = ["due": "1:A", "later": "2:A"]
        _ = try await store.applyImport([listed], source: "t", at: start)
        let runners = [due, later].map { ChannelRunner(adapter: $0, store: store, rules: rules, clock: clock, logger: Logger(label: "test")) }
        let engine = SyncEngine(store: store, runners: runners, clock: clock, logger: Logger(label: "test"))
        let summary = try await engine.sync(reports: [], only: ["due"])
        #expect(summary.channels[0].pushed == 2)
        #expect(later.stockCalls.isEmpty && later.pulls.isEmpty)
        #expect(try await store.pendingOutbox(for: "later").count == 2)
        // When it is due, what waits is sent.
        #expect(try await engine.sync(reports: [], only: ["later"]).channels[1].pushed == 2)
    }
}
