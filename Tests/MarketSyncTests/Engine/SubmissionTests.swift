import Foundation
import Logging
import Testing
@testable import MarketSync
import MarketSyncStore
import Synchronization

/// A channel that takes a batch for later (an import id, a feed id): the receipt is kept in the store with the
/// items as sent, asked about with growing intervals, survives a restart, and its per-item results settle the
/// items by their identity.
@Suite struct SubmissionTests: EngineTestSupport {
    func runner(_ adapter: ScriptedAdapter, _ store: SQLiteStore, _ clock: SteppingClock, waitInRun: Duration = .seconds(120)) -> ChannelRunner {
        ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: Logger(label: "test"),
                      submissions: SubmissionPolicy(firstPoll: .seconds(2), maxInterval: .seconds(16), waitInRun: waitInRun))
    }

    func stockDrafts(_ values: [(String, Int64)]) -> [OutboxDraft] {
        values.map { OutboxDraft(channel: "test", key: $0.0, listing: "1:\($0.0)", payload: .stock(quantity: $0.1)) }
    }

    @Test func aSubmittedBatchIsAskedAboutWithGrowingIntervalsAndSettledByItem() async throws {
        let store = try makeStore(), clock = SteppingClock(now: start)
        _ = try await store.applyImport(["A", "B", "C"].map { product(SKU($0), stock: 1) }, source: "t", at: start)
        let items = try await store.enqueue(stockDrafts([("A", 5), ("B", 6), ("C", 7)]), at: start)
        let adapter = ScriptedAdapter(stockBatchSize: 10)
        adapter.script(.submit("import-1"))
        adapter.scriptStatus("import-1", .processing, .processing,
                             .complete(["B": MarketSyncError(.validation, "quantity above the maximum", key: "quantity")]))
        let result = try await runner(adapter, store, clock).flushOutbox()

        #expect(adapter.stockCalls.count == 1)
        #expect(adapter.statusQuestions.count == 3)
        #expect(adapter.statusQuestions.first?.1.map(\.item) == items.map(\.id))
        // First question 2 s after the push, then 4 s and 8 s later.
        #expect(clock.sleeps == [.seconds(2), .seconds(4), .seconds(8)])
        #expect(result.pushed == 2 && result.failed == 1 && result.submitted == 0)
        #expect(try await store.acknowledgedOffers(for: "test").map(\.sku) == ["A", "C"])
        #expect(try await store.failedOutbox(for: "test").map(\.key) == ["B"])
        #expect(try await store.submissions(for: "test").isEmpty)
    }

    @Test func aSubmissionStillProcessingSurvivesARestartAndIsNotSentTwice() async throws {
        let store = try makeStore(), clock = SteppingClock(now: start)
        _ = try await store.applyImport([product("A", stock: 1)], source: "t", at: start)
        _ = try await store.enqueue(stockDrafts([("A", 5)]), at: start)
        let adapter = ScriptedAdapter()
        adapter.script(.submit("feed-9"))
        adapter.scriptStatus("feed-9", .processing)
        // This run waits 10 s at most: the feed is still processing when it ends.
        let first = try await runner(adapter, store, clock, waitInRun: .seconds(10)).flushOutbox()
        #expect(first.submitted == 1 && first.pushed == 0)
        #expect(try await store.pendingOutbox(for: "test").isEmpty)   // in flight: not sent again
        #expect(try await store.submissions(for: "test").map(\.receipt) == [PushReceipt("feed-9")])

        // A new process on the same store: the feed has finished meanwhile.
        let reopened = try SQLiteStore(path: store.path)
        let later = ScriptedAdapter()
        later.scriptStatus("feed-9", .complete([:]))
        clock.advance(seconds: 60)
        let second = try await runner(later, reopened, clock).flushOutbox()
        #expect(later.stockCalls.isEmpty)
        #expect(second.pushed == 1)
        #expect(try await reopened.acknowledgedOffers(for: "test").first?.quantity == 5)
        #expect(try await reopened.submissions(for: "test").isEmpty)
    }

    @Test func aNewerValueWhileSubmittedIsSentAndTheOldResultNeverOverwritesIt() async throws {
        let store = try makeStore(), clock = SteppingClock(now: start)
        _ = try await store.applyImport([product("A", stock: 1)], source: "t", at: start)
        _ = try await store.enqueue(stockDrafts([("A", 5)]), at: start)
        let adapter = ScriptedAdapter()
        adapter.script(.submit("import-old"), .accept)
        adapter.scriptStatus("import-old", .processing)
        _ = try await runner(adapter, store, clock, waitInRun: .zero).flushOutbox()
        // The plan moves on while the import is processed: 8 is pending, and goes out now.
        _ = try await store.enqueue(stockDrafts([("A", 8)]), at: clock.now())
        adapter.scriptStatus("import-old", .processing)
        let second = try await runner(adapter, store, clock, waitInRun: .zero).flushOutbox()
        #expect(adapter.stockCalls.flatMap { $0 }.map(\.quantity) == [5, 8])
        #expect(second.pushed == 1)
        // Then the old import completes: its acknowledgement of 5 must not replace 8.
        adapter.scriptStatus("import-old", .complete([:]))
        clock.advance(seconds: 60)
        _ = try await runner(adapter, store, clock, waitInRun: .zero).flushOutbox()
        let offer = try #require(try await store.acknowledgedOffers(for: "test").first)
        #expect(offer.quantity != 5)
        #expect(try await store.submissions(for: "test").isEmpty)
    }

    @Test func intervalsGrowToTheirCap() {
        let policy = SubmissionPolicy(firstPoll: .seconds(2), maxInterval: .seconds(16), waitInRun: .zero)
        #expect((0..<5).map { policy.delay(afterPolls: $0) } == [.seconds(4), .seconds(8), .seconds(16), .seconds(16), .seconds(16)])
    }

    @Test func aSnapshotChannelGetsEveryListedSKUInOneBatch() async throws {
        let store = try makeStore(), clock = SteppingClock(now: start)
        _ = try await store.applyImport(["A", "B", "C"].map { product(SKU($0), stock: 1) }, source: "t", at: start)
        let first = try await store.enqueue(stockDrafts([("A", 5), ("B", 6), ("C", 7)]), at: start)
        try await store.acknowledge(first, at: start)
        // Only B changed; a retail chain's stock file still lists every SKU.
        _ = try await store.enqueue(stockDrafts([("B", 9)]), at: start)
        let adapter = ScriptedAdapter(stockBatchSize: 1, offers: .snapshot)
        let result = try await runner(adapter, store, clock).flushOutbox()
        #expect(adapter.stockCalls.count == 1)
        let sent = try #require(adapter.stockCalls.first)
        #expect(sent.map(\.sku) == ["A", "B", "C"])
        #expect(sent.map(\.quantity) == [5, 9, 7])
        #expect(sent.map(\.carried) == [true, false, true])
        #expect(sent.map(\.listing) == ["1:A", "1:B", "1:C"])
        #expect(result.pushed == 1)
        #expect(try await store.acknowledgedOffers(for: "test").map(\.quantity) == [5, 9, 7])
    }

    @Test func anAdapterSettlesWhatItListedOnlyAfterTheOrdersAreStored() async throws {
        let store = try makeStore(), clock = SteppingClock(now: start)
        let adapter = ScriptedAdapter()
        let order = ChannelOrder(id: "PO-1", state: .readyToShip, rawStatus: "new", updatedAt: start.addingTimeInterval(-600),
                                 lines: [OrderLine(sku: "A", quantity: 1)])
        adapter.pullAnswer.withLock { $0 = { continuation in
            continuation == nil
                ? OrderPage(orders: [order], next: OrderContinuation("2"), settlement: OrderSettlement("inbox/po-1.edi#sha256:ab"))
                : OrderPage(orders: [], settlement: OrderSettlement("inbox/po-2.edi#sha256:cd"))
        } }
        let storedWhenSettled = Mutex<[Bool]>([])
        adapter.onSettle.withLock { $0 = { _ in
            let stored = try await store.order("PO-1", channel: "test") != nil
            storedWhenSettled.withLock { $0.append(stored) }
        } }
        let result = try await runner(adapter, store, clock).pull()
        #expect(result.stopped == nil)
        let calls = adapter.settled.withLock { $0 }
        #expect(!calls.isEmpty)
        #expect(calls.first == [OrderSettlement("inbox/po-1.edi#sha256:ab"), OrderSettlement("inbox/po-2.edi#sha256:cd")])
        #expect(storedWhenSettled.withLock { $0 }.allSatisfy { $0 })

        // A settlement that fails leaves the stored orders in place and says so.
        adapter.onSettle.withLock { $0 = { _ in throw MarketSyncError(.transport, "archive folder unreachable") } }
        clock.advance(seconds: 1800)
        let again = try await runner(adapter, store, clock).pull()
        #expect(again.errors.contains { $0.message.contains("archive folder unreachable") })
        #expect(try await store.order("PO-1", channel: "test") != nil)
    }

    @Test func aSnapshotRetriedGoesOutWholeAndLeavesOutSKUsNoLongerListed() async throws {
        let store = try makeStore(), clock = SteppingClock(now: start)
        var unlisted = product("D", stock: 1)
        _ = try await store.applyImport(["A", "B", "C", "D"].map { product(SKU($0), stock: 1) }, source: "t", at: start)
        let first = try await store.enqueue(stockDrafts([("A", 5), ("B", 6), ("C", 7), ("D", 8)]), at: start)
        try await store.acknowledge(first, at: start)
        unlisted.listings = [:]
        _ = try await store.applyImport([unlisted], source: "t", at: start)   // D is taken off this channel
        _ = try await store.enqueue(stockDrafts([("B", 9), ("C", 10)]), at: start)
        let adapter = ScriptedAdapter(offers: .snapshot)
        adapter.script(.failItems(["C": MarketSyncError(.channelUnavailable, "partner folder busy")]), .accept)
        let result = try await runner(adapter, store, clock).flushOutbox()
        #expect(adapter.stockCalls.count == 2)
        // The retry repeats the whole file, B included though it was accepted the first time; D is in neither.
        #expect(adapter.stockCalls.map { $0.map(\.sku) } == [["A", "B", "C"], ["A", "B", "C"]])
        #expect(result.pushed == 2 && result.retries == 1)
    }

    @Test func orderAnswersGoThroughTheOutboxAndAreRetried() async throws {
        let store = try makeStore(), clock = SteppingClock(now: start)
        let decisions = [OrderLineDecision(line: "PO-1-1", accepted: true),
                         OrderLineDecision(line: "PO-1-2", accepted: false, reason: "not enough stock")]
        _ = try await store.enqueue([
            OutboxDraft(channel: "test", key: "PO-1", listing: nil, payload: .acceptance(decisions)),
            OutboxDraft(channel: "test", key: "PO-2", listing: nil, payload: .acknowledgement),
        ], at: start)
        // What the store gives back is what was written, decisions included.
        #expect(try await store.pendingOutbox(for: "test").map(\.payload) == [.acceptance(decisions), .acknowledgement])
        let adapter = ScriptedAdapter()
        adapter.respondFailure.withLock { $0 = MarketSyncError(.channelUnavailable, "503") }
        clock.onSleep.withLock { $0 = { adapter.respondFailure.withLock { $0 = nil } } }
        let result = try await runner(adapter, store, clock).flushOutbox()
        #expect(adapter.responses.withLock { $0 } == [.acceptance(orderID: "PO-1", lines: decisions), .acknowledgement(orderID: "PO-2")])
        #expect(result.ordersAnswered == 2 && result.pushed == 0 && result.retries >= 1)
        #expect(try await store.pendingOutbox(for: "test").isEmpty)
    }

    @Test func aChannelThatOnlyShipsRefusesOtherAnswers() async throws {
        let store = try makeStore(), clock = SteppingClock(now: start)
        _ = try await store.enqueue([OutboxDraft(channel: "test", key: "PO-9", listing: nil, payload: .acknowledgement)], at: start)
        // The protocol's default answer: only shipments.
        let adapter = ShipOnlyAdapter(base: ScriptedAdapter())
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: Logger(label: "test"))
        let result = try await runner.flushOutbox()
        #expect(result.failed == 1)
        #expect(try await store.failedOutbox(for: "test").map(\.key) == ["PO-9"])
    }
}

/// An adapter that keeps the protocol's default `respond`.
struct ShipOnlyAdapter: ChannelAdapter {
    let base: ScriptedAdapter
    var channel: ChannelID { base.channel }
    var capabilities: ChannelCapabilities { base.capabilities }
    func pushStock(_ updates: [StockUpdate]) async throws -> PushOutcome { try await base.pushStock(updates) }
    func pushPrices(_ updates: [PriceUpdate]) async throws -> PushOutcome { try await base.pushPrices(updates) }
    func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage {
        try await base.pullOrders(in: window, after: continuation)
    }
    func confirmShipment(_ shipment: Shipment) async throws { try await base.confirmShipment(shipment) }
    func verifyAccess() async throws {}
}
