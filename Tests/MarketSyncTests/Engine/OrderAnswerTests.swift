import Foundation
import Logging
import Testing
@testable import MarketSync
import MarketSyncStore
import Synchronization

/// The engine answers new orders by itself: acceptances decided line by line from the stock, acknowledgements,
/// queued once and sent through the outbox.
@Suite struct OrderAnswerTests: EngineTestSupport {
    struct Setup {
        let path: String
        let store: SQLiteStore
        let adapter: ScriptedAdapter
        let clock: SteppingClock
        let runner: ChannelRunner
        var engine: SyncEngine { SyncEngine(store: store, runners: [runner], clock: clock, logger: Logger(label: "test")) }
    }

    func setup(_ answer: OrderAnswerPolicy = .acceptLines, stock: [(SKU, Int64)], rules: ChannelRules? = nil,
               answerSettlesOrder: Bool = false) async throws -> Setup {
        let path = storePath()
        let store = try SQLiteStore(path: path)
        let adapter = ScriptedAdapter(orderAnswer: answer, answerSettlesOrder: answerSettlesOrder), clock = SteppingClock(now: start)
        _ = try await store.applyImport(stock.map { product($0.0, stock: $0.1) }, source: "t", at: start)
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules ?? self.rules, clock: clock, logger: Logger(label: "test"),
                                   retry: RetryPolicy(maxAttempts: 3, initialDelay: .seconds(1), maxDelay: .seconds(4)))
        return Setup(path: path, store: store, adapter: adapter, clock: clock, runner: runner)
    }

    /// An order waiting for acceptance, every line waiting too (as Mirakl lists a new order).
    func waiting(_ id: String, placedMinutesAgo: Int, updatedMinutesAgo: Int = 10, _ lines: [(String, SKU, Int64)]) -> ChannelOrder {
        ChannelOrder(id: id, state: .pendingAcceptance, rawStatus: "WAITING_ACCEPTANCE",
                     updatedAt: start.addingTimeInterval(TimeInterval(-60 * updatedMinutesAgo)),
                     lines: lines.map { OrderLine(sku: $0.1, quantity: $0.2, id: $0.0, state: .pendingAcceptance, rawStatus: "WAITING_ACCEPTANCE") },
                     placedAt: start.addingTimeInterval(TimeInterval(-60 * placedMinutesAgo)))
    }

    func reserved(_ store: SQLiteStore) async throws -> [SKU: Int64] {
        let input = try await store.planningInput(channels: ["test"], changedSince: nil, expiringBefore: nil)
        return Dictionary(uniqueKeysWithValues: input.skus.map { ($0.sku, $0.reserved) })
    }

    @Test func linesTheStockServesAreAcceptedTheOthersRefusedAndRefusedLinesStopReservingAtOnce() async throws {
        let s = try await setup(stock: [("A", 3), ("B", 5)])
        s.adapter.setOrders([waiting("O-1", placedMinutesAgo: 20, [("L1", "A", 2), ("L2", "B", 9), ("L3", "ZZZ", 1)])])

        let pulled = try await s.runner.pull()
        #expect(pulled.answersQueued == 1)
        #expect(pulled.linesRefused == 2)
        let decisions = [
            OrderLineDecision(line: "L1", accepted: true),
            OrderLineDecision(line: "L2", accepted: false, reason: "out of stock: 9 wanted, 5 available"),
            OrderLineDecision(line: "L3", accepted: false, reason: "unknown SKU"),
        ]
        #expect(try await s.store.pendingOutbox(for: "test").map(\.payload) == [.acceptance(decisions)])
        // Queued, not yet sent: the refused line already holds nothing back, the accepted one holds its units.
        #expect(try await reserved(s.store) == ["A": 2, "B": 0])
        let stored = try #require(try await s.store.order("O-1", channel: "test"))
        #expect(stored.answerKind == .acceptance)
        #expect(stored.lineDecisions == ["L1": true, "L2": false, "L3": false])

        let result = try await s.engine.sync(reports: []).channels[0]
        #expect(s.adapter.responses.withLock { $0 } == [.acceptance(orderID: "O-1", lines: decisions)])
        #expect(result.ordersAnswered == 1)
        #expect(result.answersQueued == 0)
        // The plan of the same run offers what the refusal released and keeps back what the acceptance holds.
        let pushed = s.adapter.stockCalls.flatMap { $0 }.reduce(into: [SKU: Int64]()) { $0[$1.sku] = $1.quantity }
        #expect(pushed == ["A": 1, "B": 5])
        #expect(try await s.store.pendingOutbox(for: "test").isEmpty)
    }

    /// A retail chain never reports the state of a purchase order after our answer: once the channel took the
    /// answer, the engine records it (accepted lines ready to ship, refused ones refused), so the order reaches the
    /// pick list. A marketplace's order stays as the marketplace last said until it says more.
    @Test func anAnswerThatSettlesTheOrderRecordsItsStateOnceTheChannelTookIt() async throws {
        for settles in [true, false] {
            let s = try await setup(stock: [("A", 3), ("B", 5)], answerSettlesOrder: settles)
            s.adapter.setOrders([waiting("O-1", placedMinutesAgo: 20, [("L1", "A", 2), ("L2", "B", 9)])])
            let first = try await s.engine.sync(reports: []).channels[0]
            #expect(first.ordersAnswered == 1)
            s.adapter.setOrders([])
            let stored = try #require(try await s.store.order("O-1", channel: "test"))
            guard settles else {
                #expect(stored.order.state == .pendingAcceptance)
                continue
            }
            #expect(stored.order.state == .readyToShip)
            #expect(stored.order.rawStatus == "answered: partly accepted")
            #expect(stored.order.lines.map(\.state) == [.readyToShip, .refused])
            #expect(stored.history.map(\.state).last == .readyToShip)
            // The accepted line still holds its units; the refused one none.
            #expect(try await reserved(s.store) == ["A": 2, "B": 0])
            // A later run changes nothing and raises no incident.
            _ = try await s.engine.sync(reports: [])
            #expect(try await s.store.openIncidents(for: nil).isEmpty)
            #expect(try await s.store.order("O-1", channel: "test")?.order.state == .readyToShip)
        }
    }

    @Test func twoOrdersCompetingForTheLastUnitsTheOlderWins() async throws {
        let s = try await setup(stock: [("A", 3)])
        // The newer order was updated earlier, so it is listed first: the decision goes by when orders were placed.
        s.adapter.setOrders([
            waiting("O-NEW", placedMinutesAgo: 15, updatedMinutesAgo: 20, [("N1", "A", 2)]),
            waiting("O-OLD", placedMinutesAgo: 50, updatedMinutesAgo: 10, [("D1", "A", 2)]),
        ])
        let result = try await s.engine.sync(reports: []).channels[0]
        #expect(result.answersQueued == 2)
        #expect(result.ordersAnswered == 2)
        let answers = s.adapter.responses.withLock { $0 }
        #expect(Set(answers) == [
            .acceptance(orderID: "O-OLD", lines: [OrderLineDecision(line: "D1", accepted: true)]),
            .acceptance(orderID: "O-NEW", lines: [OrderLineDecision(line: "N1", accepted: false, reason: "out of stock: 2 wanted, 1 available")]),
        ])
        #expect(try await reserved(s.store) == ["A": 2])
        #expect(s.adapter.stockCalls.flatMap { $0 }.last?.quantity == 1)
    }

    @Test func eachAcceptedLineLowersWhatTheNextLineOfTheSameOrderCanTake() async throws {
        // A buffer of 1: 4 on hand offer 3; two lines of 2 → the second sees 1 left.
        let buffered = ChannelRules(stock: StockRule(buffer: .units(1)), price: rules.price)
        let s = try await setup(stock: [("A", 4)], rules: buffered)
        s.adapter.setOrders([waiting("O-1", placedMinutesAgo: 5, [("L1", "A", 2), ("L2", "A", 2)])])
        _ = try await s.engine.sync(reports: [])
        #expect(s.adapter.responses.withLock { $0 } == [.acceptance(orderID: "O-1", lines: [
            OrderLineDecision(line: "L1", accepted: true),
            OrderLineDecision(line: "L2", accepted: false, reason: "out of stock: 2 wanted, 1 available"),
        ])])
    }

    @Test func anOrderIsAnsweredOnlyOnceAcrossRuns() async throws {
        let s = try await setup(stock: [("A", 3)])
        s.adapter.setOrders([waiting("O-1", placedMinutesAgo: 20, [("L1", "A", 1)])])
        let first = try await s.engine.sync(reports: []).channels[0]
        #expect(first.ordersAnswered == 1)
        // The channel has not moved the order on yet: the next pull reads it again, still waiting, with a newer update.
        s.clock.advance(seconds: 600)
        s.adapter.setOrders([waiting("O-1", placedMinutesAgo: 30, updatedMinutesAgo: -5, [("L1", "A", 1)])])
        let second = try await s.engine.sync(reports: []).channels[0]
        #expect(second.ordersUpdated == 1)
        #expect(second.answersQueued == 0)
        #expect(second.ordersAnswered == 0)
        #expect(s.adapter.responses.withLock { $0.count } == 1)
        #expect(try await s.store.ordersAwaitingAnswer(for: "test").isEmpty)
    }

    @Test func anAnswerQueuedBeforeACrashIsSentByTheNextRun() async throws {
        let s = try await setup(stock: [("A", 3)])
        s.adapter.setOrders([waiting("O-1", placedMinutesAgo: 20, [("L1", "A", 1)])])
        // The run stops after the pull stored and queued (the process dies before anything is sent).
        #expect(try await s.runner.pull().answersQueued == 1)
        #expect(s.adapter.responses.withLock { $0 }.isEmpty)

        // The next process opens the same store: the queued answer goes out, and is not decided again.
        let reopened = try SQLiteStore(path: s.path)
        let runner = ChannelRunner(adapter: s.adapter, store: reopened, rules: rules, clock: s.clock, logger: Logger(label: "test"))
        let result = try await SyncEngine(store: reopened, runners: [runner], clock: s.clock, logger: Logger(label: "test"))
            .sync(reports: []).channels[0]
        #expect(result.answersQueued == 0)
        #expect(result.ordersAnswered == 1)
        #expect(s.adapter.responses.withLock { $0 } == [.acceptance(orderID: "O-1", lines: [OrderLineDecision(line: "L1", accepted: true)])])
        #expect(try await reopened.pendingOutbox(for: "test").isEmpty)
    }

    @Test func aPurchaseOrderIsAcknowledgedWhole() async throws {
        let s = try await setup(.acknowledge, stock: [("A", 0)])
        // Nothing on hand: an acknowledgement is no stock decision (the lines the seller cannot serve are cancelled
        // on the channel later).
        s.adapter.setOrders([waiting("PO-1", placedMinutesAgo: 20, [("1", "A", 2)])])
        let result = try await s.engine.sync(reports: []).channels[0]
        #expect(result.answersQueued == 1)
        #expect(result.ordersAnswered == 1)
        #expect(s.adapter.responses.withLock { $0 } == [.acknowledgement(orderID: "PO-1")])
        #expect(try await s.store.order("PO-1", channel: "test")?.answerKind == .acknowledgement)
    }

    @Test func aChannelThatWantsNoAnswerGetsNone() async throws {
        let s = try await setup(.none, stock: [("A", 3)])
        s.adapter.setOrders([waiting("O-1", placedMinutesAgo: 20, [("L1", "A", 1)])])
        let result = try await s.engine.sync(reports: []).channels[0]
        #expect(result.ordersNew == 1)
        #expect(result.answersQueued == 0)
        #expect(s.adapter.responses.withLock { $0 }.isEmpty)
        #expect(try await s.store.order("O-1", channel: "test")?.answeredAt == nil)
    }

    @Test func aWaitingLineWithoutALineIDLeavesTheOrderUnansweredAndSaysWhy() async throws {
        let s = try await setup(stock: [("A", 3)])
        var order = waiting("O-1", placedMinutesAgo: 20, [("L1", "A", 1)])
        order.lines[0].id = nil
        s.adapter.setOrders([order])
        let result = try await s.engine.sync(reports: []).channels[0]
        #expect(result.answersQueued == 0)
        #expect(result.errors.contains { $0.sku == "O-1" && $0.message.contains("no channel line id") })
        #expect(s.adapter.responses.withLock { $0 }.isEmpty)
    }
}
