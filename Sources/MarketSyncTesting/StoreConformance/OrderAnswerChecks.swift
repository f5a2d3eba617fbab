internal import Foundation
internal import MarketSync

/// `OrderAnswerStore` and `OrderQueryStore`: an order is answered once, a refused line stops reserving, and the
/// fulfilment queries read every channel's orders and a queued shipment's standing.
enum OrderAnswerChecks {
    typealias D = ConformanceData

    static let all: [StoreConformanceCheck] = [
        StoreConformanceCheck(role: .orderAnswers, name: "an order is answered once", needs: [.orders, .catalog, .outbox, .planning]) { underTest in
            let store = try role(underTest.store, (any OrderAnswerStore).self)
            let orders = try role(underTest.store, (any OrderStore).self)
            let catalog = try role(underTest.store, (any CatalogStore).self)
            let outbox = try role(underTest.store, (any OutboxStore).self)
            let planning = try role(underTest.store, (any PlanningStore).self)
            var p = ConformanceProblems()
            _ = try await catalog.applyImport([D.product("SKU-A", lots: [10]), D.product("SKU-B", lots: [10])], source: "a.csv", at: D.at(0))
            _ = try await orders.storeOrders([
                D.order("O-2", .pendingAcceptance, updated: 20, lines: [("SKU-A", 1), ("SKU-B", 3)], lineIDs: true),
                D.order("O-1", .pendingAcceptance, updated: 10, lines: [("SKU-A", 2)], lineIDs: true),
                D.order("O-3", .readyToShip, updated: 5),
            ], channel: D.channel, cursor: D.at(100), at: D.at(100))
            p.expectEqual(try await store.ordersAwaitingAnswer(for: D.channel).map(\.order.id), ["O-1", "O-2"], "awaiting an answer, oldest first")
            let reservedBefore = try await planning.planningInput(channels: [D.channel], skus: ["SKU-B"]).skus.first?.reserved
            p.expectEqual(reservedBefore, 3, "SKU-B reserved before the answer")
            let sequence = try await planning.changeSequence()
            let written = try await store.queueOrderAnswers([
                .acceptance(orderID: "O-2", lines: [OrderLineDecision(line: "O-2-1", accepted: true),
                                                    OrderLineDecision(line: "O-2-2", accepted: false, reason: "out of stock")]),
                .acknowledgement(orderID: "O-9"),
            ], channel: D.channel, at: D.at(110))
            p.expectEqual(written.map(\.key), ["O-2"], "outbox items written (an unknown order is skipped)")
            p.expectEqual(written.first?.kind, .acceptance, "the kind written")
            let stored = try await orders.order("O-2", channel: D.channel)
            p.expectEqual(stored?.answerKind, .acceptance, "the answer kind recorded")
            p.expectEqual(stored?.answeredAt, D.at(110), "when it was answered")
            p.expectEqual(stored?.lineDecisions, ["O-2-1": true, "O-2-2": false], "the lines' decisions")
            p.expectEqual(try await store.ordersAwaitingAnswer(for: D.channel).map(\.order.id), ["O-1"], "awaiting after the answer")
            let reservedAfter = try await planning.planningInput(channels: [D.channel], skus: ["SKU-B"]).skus.first?.reserved
            p.expectEqual(reservedAfter, 0, "SKU-B reserved after its line was refused")
            p.expect(try await planning.changeSequence() > sequence, "the change sequence moves when a refusal frees units")
            let again = try await store.queueOrderAnswers([.acknowledgement(orderID: "O-2")], channel: D.channel, at: D.at(120))
            p.expectEqual(again, [], "an order already answered is skipped")
            p.expectEqual(try await outbox.pendingOutbox(for: D.channel).map(\.key), ["O-2"], "the outbox after answering")
            return p.list
        },
        StoreConformanceCheck(role: .orderQueries, name: "every channel's orders and a queued shipment", needs: [.orders, .outbox]) { underTest in
            let store = try role(underTest.store, (any OrderQueryStore).self)
            let orders = try role(underTest.store, (any OrderStore).self)
            let outbox = try role(underTest.store, (any OutboxStore).self)
            var p = ConformanceProblems()
            _ = try await orders.storeOrders([D.order("O-2", .readyToShip), D.order("O-1", .readyToShip)], channel: D.other, cursor: D.at(1), at: D.at(1))
            _ = try await orders.storeOrders([D.order("O-3", .readyToShip)], channel: D.channel, cursor: D.at(1), at: D.at(1))
            let all = try await store.storedOrders(of: nil)
            p.expectEqual(all.map { "\($0.channel)/\($0.order.id)" }, ["conformance-a/O-3", "conformance-b/O-1", "conformance-b/O-2"],
                          "every order, by channel then id")
            p.expectEqual(try await store.storedOrders(of: [D.other]).count, 2, "one channel's orders")
            p.expect(try await store.queuedShipment(of: "O-3", channel: D.channel) == nil, "a shipment never queued")
            let items = try await outbox.enqueue([OutboxDraft(channel: D.channel, key: "O-3", listing: nil,
                                                              payload: .shipment(Shipment(orderID: "O-3", carrier: "SF", trackingNumber: "SF9")))], at: D.at(2))
            try await outbox.recordFailure(items[0], reason: "rejected", permanent: true, at: D.at(3))
            p.expectEqual(try await store.queuedShipment(of: "O-3", channel: D.channel),
                          QueuedAnswer(parked: true, attempts: 1, lastError: "rejected"), "a parked shipment")
            return p.list
        },
    ]
}
