import Foundation
import MarketSync
@testable import MarketSyncStore
import Testing

/// Orders through their life: line states and ids kept, reservations per line, the engine's answers, and copies
/// that would make an illegal move held back as incidents.
@Suite("SQLiteStore order life cycle") struct SQLiteStoreOrderLifecycleTests {
    typealias F = StoreFixtures
    static let mirakl: ChannelID = "mirakl-fr"

    /// A Mirakl-style order: each line with its id, own state and raw status; the order's state is their roll-up.
    static func order(_ id: String, updated: Int, placed: Int? = nil, _ lines: [(String, String, Int64, OrderState)]) -> ChannelOrder {
        let lineStates = lines.map(\.3)
        return ChannelOrder(id: id, state: OrderState.rollUp(lineStates) ?? .unknown, rawStatus: "raw-\(updated)",
                            updatedAt: F.at(updated),
                            lines: lines.map { OrderLine(sku: SKU($0.1), quantity: $0.2, id: $0.0, state: $0.3, rawStatus: $0.3.rawValue.uppercased()) },
                            placedAt: placed.map(F.at))
    }

    func reserved(_ store: SQLiteStore, changedSince: Int64? = nil) async throws -> [SKU: Int64] {
        let input = try await store.planningInput(channels: [Self.mirakl], changedSince: changedSince, expiringBefore: nil)
        return Dictionary(uniqueKeysWithValues: input.skus.map { ($0.sku, $0.reserved) })
    }

    func catalog(_ store: SQLiteStore) async throws {
        _ = try await store.applyImport([F.product("A", lots: [10]), F.product("B", lots: [10])], source: "t", at: F.t0)
    }

    @Test func linesKeepTheirIDsStatesAndRawStatusesAndTheOrderWhenItWasPlaced() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let order = Self.order("M-1", updated: 10, placed: 5, [("L1", "A", 2, .pendingAcceptance), ("L2", "B", 1, .pendingAcceptance)])
        _ = try await temp.store.storeOrders([order], channel: Self.mirakl, cursor: F.at(10), at: F.at(10))
        let stored = try #require(try await temp.store.order("M-1", channel: Self.mirakl))
        #expect(stored.order == order)
        #expect(stored.order.placedAt == F.at(5))
        #expect(stored.order.lines.map(\.id) == ["L1", "L2"])
        #expect(stored.order.lines.map(\.state) == [.pendingAcceptance, .pendingAcceptance])
        #expect(stored.order.lines.map(\.rawStatus) == ["PENDINGACCEPTANCE", "PENDINGACCEPTANCE"])
        #expect(stored.answeredAt == nil)
        // Read again unchanged: nothing is updated.
        #expect(try await temp.store.storeOrders([order], channel: Self.mirakl, cursor: F.at(10), at: F.at(11))
                == OrderStoreCounts(unchanged: 1, unmatchedLines: 0))
        // A line's state alone changing (same order state, same time) is a change.
        let lineMoved = Self.order("M-1", updated: 10, placed: 5, [("L1", "A", 2, .pendingAcceptance), ("L2", "B", 1, .refused)])
        #expect(lineMoved.state == order.state)
        #expect(try await temp.store.storeOrders([lineMoved], channel: Self.mirakl, cursor: F.at(10), at: F.at(12)).updated == 1)
        #expect(try await temp.store.order("M-1", channel: Self.mirakl)?.order.lines.map(\.state) == [.pendingAcceptance, .refused])
    }

    @Test func anAcceptedOrderThenOneLineCancelledReleasesThatLinesUnitsOnly() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        try await catalog(temp.store)
        let placed = Self.order("M-1", updated: 10, [("L1", "A", 2, .pendingAcceptance), ("L2", "B", 3, .pendingAcceptance)])
        _ = try await temp.store.storeOrders([placed], channel: Self.mirakl, cursor: F.at(10), at: F.at(10))
        #expect(try await reserved(temp.store) == ["A": 2, "B": 3])

        let accept = OrderResponse.acceptance(orderID: "M-1", lines: [OrderLineDecision(line: "L1", accepted: true),
                                                                       OrderLineDecision(line: "L2", accepted: true)])
        #expect(try await temp.store.queueOrderAnswers([accept], channel: Self.mirakl, at: F.at(11)).count == 1)
        #expect(try await reserved(temp.store) == ["A": 2, "B": 3])
        let accepted = Self.order("M-1", updated: 20, [("L1", "A", 2, .readyToShip), ("L2", "B", 3, .readyToShip)])
        _ = try await temp.store.storeOrders([accepted], channel: Self.mirakl, cursor: F.at(20), at: F.at(20))
        #expect(try await reserved(temp.store) == ["A": 2, "B": 3])

        let before = try await temp.store.changeSequence()
        let partlyCancelled = Self.order("M-1", updated: 30, [("L1", "A", 2, .readyToShip), ("L2", "B", 3, .cancelled)])
        #expect(partlyCancelled.state == .readyToShip)
        #expect(try await temp.store.storeOrders([partlyCancelled], channel: Self.mirakl, cursor: F.at(30), at: F.at(30)).updated == 1)
        #expect(try await reserved(temp.store) == ["A": 2, "B": 0])
        // Only B's reservation moved, so only B is planned again.
        #expect(try await reserved(temp.store, changedSince: before) == ["B": 0])
        let stored = try #require(try await temp.store.order("M-1", channel: Self.mirakl))
        #expect(stored.lineDecisions == ["L1": true, "L2": true])
        #expect(stored.order.state == .readyToShip)
    }

    @Test func aRefusedLineStopsReservingWhenTheRefusalIsQueuedAndStaysRefusedWhenTheOrderIsReadAgain() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        try await catalog(temp.store)
        let placed = Self.order("M-2", updated: 10, [("L1", "A", 2, .pendingAcceptance), ("L2", "B", 4, .pendingAcceptance)])
        _ = try await temp.store.storeOrders([placed], channel: Self.mirakl, cursor: F.at(10), at: F.at(10))
        #expect(try await temp.store.ordersAwaitingAnswer(for: Self.mirakl).map(\.order.id) == ["M-2"])
        let before = try await temp.store.changeSequence()
        let answer = OrderResponse.acceptance(orderID: "M-2", lines: [
            OrderLineDecision(line: "L1", accepted: true),
            OrderLineDecision(line: "L2", accepted: false, reason: "out of stock: 4 wanted, 1 available"),
        ])
        let items = try await temp.store.queueOrderAnswers([answer], channel: Self.mirakl, at: F.at(11))
        #expect(items.map(\.payload) == [answer.payload])
        #expect(try await reserved(temp.store) == ["A": 2, "B": 0])
        #expect(try await reserved(temp.store, changedSince: before) == ["B": 0])
        #expect(try await temp.store.ordersAwaitingAnswer(for: Self.mirakl).isEmpty)
        // A second answer for the same order is not queued.
        #expect(try await temp.store.queueOrderAnswers([answer], channel: Self.mirakl, at: F.at(12)).isEmpty)

        // The channel has not processed the answer yet and lists the order again, still waiting: the refusal holds.
        let again = Self.order("M-2", updated: 15, [("L1", "A", 2, .pendingAcceptance), ("L2", "B", 4, .pendingAcceptance)])
        #expect(try await temp.store.storeOrders([again], channel: Self.mirakl, cursor: F.at(15), at: F.at(15)).updated == 1)
        #expect(try await reserved(temp.store) == ["A": 2, "B": 0])
        let stored = try #require(try await temp.store.order("M-2", channel: Self.mirakl))
        #expect(stored.answerKind == .acceptance)
        #expect(stored.answeredAt == F.at(11))
        #expect(stored.lineDecisions == ["L1": true, "L2": false])
    }

    @Test func anOrderWithoutLineStatesReservesAndReleasesEveryLineByItsOwnState() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        try await catalog(temp.store)
        let ready = F.order("E-1", .readyToShip, updated: 10, lines: [("A", 1), ("B", 2)])
        _ = try await temp.store.storeOrders([ready], channel: F.epinduo, cursor: F.at(10), at: F.at(10))
        #expect(try await reserved(temp.store) == ["A": 1, "B": 2])
        let cancelled = F.order("E-1", .cancelled, updated: 20, lines: [("A", 1), ("B", 2)])
        _ = try await temp.store.storeOrders([cancelled], channel: F.epinduo, cursor: F.at(20), at: F.at(20))
        #expect(try await reserved(temp.store) == ["A": 0, "B": 0])
    }

    @Test(arguments: [
        (OrderState.shipped, OrderState.awaitingPayment),
        (.delivered, .pendingAcceptance),
        (.cancelled, .readyToShip),
        (.refused, .pendingAcceptance),
        (.readyToShip, .pendingAcceptance),
    ])
    func aCopyMakingAnIllegalMoveIsHeldBackAsAnIncident(_ from: OrderState, _ to: OrderState) async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        try await catalog(temp.store)
        let stored = F.order("O-1", from, raw: "was-\(from)", updated: 10, lines: [("A", 3)], tracking: "T-1")
        _ = try await temp.store.storeOrders([stored], channel: F.epinduo, cursor: F.at(10), at: F.at(10))
        let reservedBefore = try await reserved(temp.store)

        let illegal = F.order("O-1", to, raw: "WEIRD-\(to)", updated: 20, lines: [("A", 5)])
        let counts = try await temp.store.storeOrders([illegal], channel: F.epinduo, cursor: F.at(20), at: F.at(20))
        #expect(counts == OrderStoreCounts(illegalTransitions: 1))
        // Nothing of the copy is applied: state, raw status, lines, reservations and history stay.
        let kept = try #require(try await temp.store.order("O-1", channel: F.epinduo))
        #expect(kept.order == stored)
        #expect(kept.history.map(\.state) == [from])
        #expect(try await reserved(temp.store) == reservedBefore)
        let incidents = try await temp.store.openIncidents(for: F.epinduo)
        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.kind == "illegal_transition")
        #expect(incident.orderID == "O-1")
        #expect(incident.detail.contains("\(from) → \(to)"))
        #expect(incident.detail.contains("WEIRD-\(to)"))
        #expect(try await temp.store.waitingWork(for: F.epinduo) == WaitingWork(incidents: 1))

        // Read again (the overlap, a re-scan): the same incident, not a new one.
        #expect(try await temp.store.storeOrders([illegal], channel: F.epinduo, cursor: F.at(20), at: F.at(21))
                == OrderStoreCounts())
        #expect(try await temp.store.openIncidents(for: nil).count == 1)
    }

    @Test func aLegalCopyAfterAnIllegalOneIsAppliedAndUnknownGoesBothWays() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        _ = try await temp.store.storeOrders([F.order("O-1", .shipped, updated: 10)], channel: F.epinduo, cursor: F.at(10), at: F.at(10))
        _ = try await temp.store.storeOrders([F.order("O-1", .readyToShip, updated: 20)], channel: F.epinduo, cursor: F.at(20), at: F.at(20))
        #expect(try await temp.store.order("O-1", channel: F.epinduo)?.order.state == .shipped)
        #expect(try await temp.store.storeOrders([F.order("O-1", .delivered, updated: 30)], channel: F.epinduo, cursor: F.at(30), at: F.at(30)).updated == 1)
        // A status this version does not know may come from and go to anything.
        #expect(try await temp.store.storeOrders([F.order("O-1", .unknown, updated: 40)], channel: F.epinduo, cursor: F.at(40), at: F.at(40)).updated == 1)
        #expect(try await temp.store.storeOrders([F.order("O-1", .pendingAcceptance, updated: 50)], channel: F.epinduo, cursor: F.at(50), at: F.at(50)).updated == 1)
        let history = try await temp.store.order("O-1", channel: F.epinduo)?.history.map(\.state)
        #expect(history == [.shipped, .delivered, .unknown, .pendingAcceptance])
        #expect(try await temp.store.openIncidents(for: nil).filter { $0.kind == "illegal_transition" }.count == 1)
    }

    @Test func aLineMovingBackIsHeldBackEvenWhenTheOrderStateMayMove() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let stored = Self.order("M-3", updated: 10, [("L1", "A", 1, .readyToShip), ("L2", "B", 1, .cancelled)])
        _ = try await temp.store.storeOrders([stored], channel: Self.mirakl, cursor: F.at(10), at: F.at(10))
        // The order stays readyToShip, but the cancelled line comes back to life.
        let revived = Self.order("M-3", updated: 20, [("L1", "A", 1, .readyToShip), ("L2", "B", 1, .readyToShip)])
        #expect(try await temp.store.storeOrders([revived], channel: Self.mirakl, cursor: F.at(20), at: F.at(20)).illegalTransitions == 1)
        #expect(try await temp.store.order("M-3", channel: Self.mirakl)?.order == stored)
        let detail = try #require(try await temp.store.openIncidents(for: Self.mirakl).first { $0.kind == "illegal_transition" }?.detail)
        #expect(detail.hasPrefix("line L2: cancelled → readyToShip"))
    }

    @Test func migrationV9KeepsOrdersAndTheirReservations() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("v9-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("s.sqlite").path
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = try SQLiteStore(path: path, migratingUpTo: "v8-order-responses")
        _ = try await old.applyImport([F.product("A", lots: [10]), F.product("B", lots: [10])], source: "t", at: F.t0)
        // Two orders as version 8 stored them: one open (its lines reserve), one shipped.
        try await old.execute(sql: """
            INSERT INTO orders (id, channel, order_id, state, raw_status, updated_at, first_seen_at, last_seen_at)
            VALUES (1, 'epinduo', 'OPEN', 'readyToShip', '1/1/1', 1000, 1000, 1000),
                   (2, 'epinduo', 'GONE', 'shipped', '2/1/1', 1000, 1000, 1000);
            INSERT INTO order_lines (order_ref, position, sku, quantity, listing, matched)
            VALUES (1, 0, 'A', 2, '1:A', 1), (1, 1, 'B', 1, NULL, 1), (2, 0, 'A', 5, NULL, 1);
            INSERT INTO order_status_history (order_ref, state, raw_status, at) VALUES (1, 'readyToShip', '1/1/1', 1000);
            """)
        try old.close()

        let store = try SQLiteStore(path: path)
        #expect(try await reserved(store) == ["A": 2, "B": 1])
        let open = try #require(try await store.order("OPEN", channel: F.epinduo))
        #expect(open.order.lines == [OrderLine(sku: "A", quantity: 2, listing: "1:A"), OrderLine(sku: "B", quantity: 1)])
        #expect(open.order.placedAt == nil)
        #expect(open.history.count == 1)
        #expect(try await store.order("GONE", channel: F.epinduo)?.order.state == .shipped)
        #expect(try await store.deepRescan(for: F.epinduo) == nil)
        // The stored copy goes on as before: cancelled, it releases its lines.
        let cancelled = ChannelOrder(id: "OPEN", state: .cancelled, rawStatus: "1/1/2", updatedAt: Date(timeIntervalSince1970: 2),
                                     lines: open.order.lines)
        _ = try await store.storeOrders([cancelled], channel: F.epinduo, cursor: F.t0, at: F.t0)
        #expect(try await reserved(store) == ["A": 0, "B": 0])
    }

    @Test func theDeepRescanStateRoundTrips() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let pass = DeepRescanPass(startedAt: F.at(100), from: F.at(-86_400), until: F.at(90), position: F.at(-3_600))
        try await temp.store.saveDeepRescan(DeepRescanState(lastCompletedAt: F.at(10), pass: pass), for: F.epinduo)
        #expect(try await temp.store.deepRescan(for: F.epinduo) == DeepRescanState(lastCompletedAt: F.at(10), pass: pass))
        try await temp.store.saveDeepRescan(DeepRescanState(lastCompletedAt: F.at(100)), for: F.epinduo)
        #expect(try await temp.store.deepRescan(for: F.epinduo) == DeepRescanState(lastCompletedAt: F.at(100)))
        #expect(try await temp.store.deepRescan(for: F.walmart) == nil)
    }
}
