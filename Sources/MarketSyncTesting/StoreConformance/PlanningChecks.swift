internal import Foundation
internal import MarketSync

/// `PlanningStore` and `HeldChangeStore`: the planner's input (stock, reservations, acknowledged, pending and
/// approved values per channel), the change sequence behind incremental plans, plan marks, outbox versions, and
/// held prices approved once.
enum PlanningChecks {
    typealias D = ConformanceData

    static let all: [StoreConformanceCheck] = [
        StoreConformanceCheck(role: .planning, name: "the planner's input", needs: [.catalog, .outbox, .orders]) { underTest in
            let store = try role(underTest.store, (any PlanningStore).self)
            let catalog = try role(underTest.store, (any CatalogStore).self)
            let outbox = try role(underTest.store, (any OutboxStore).self)
            let orders = try role(underTest.store, (any OrderStore).self)
            var p = ConformanceProblems()
            _ = try await catalog.applyImport([D.product("SKU-B", lots: [4, 6]), D.product("SKU-A", price: 20_000, listings: [D.channel: "g-SKU-A"])],
                                              source: "a.csv", at: D.at(0))
            let acked = try await outbox.enqueue([D.stock("SKU-A", 3), D.price("SKU-A", 1_990)], at: D.at(1))
            try await outbox.acknowledge(acked, at: D.at(2))
            _ = try await outbox.enqueue([D.stock("SKU-A", 4), D.price("SKU-B", 2_990)], at: D.at(3))
            _ = try await orders.storeOrders([D.order("O-1", .readyToShip, lines: [("SKU-B", 2)]), D.order("O-2", .shipped, lines: [("SKU-B", 5)])],
                                             channel: D.channel, cursor: D.at(4), at: D.at(4))
            let input = try await store.planningInput(channels: [D.channel, D.other], changedSince: nil, expiringBefore: nil)
            p.expectEqual(input.skus.map(\.sku), ["SKU-A", "SKU-B"], "SKUs, ordered")
            p.expectEqual(input.skus.map(\.basePriceMinor), [20_000, 10_000], "base prices")
            p.expectEqual(input.skus.map(\.reserved), [0, 2], "reserved units (open orders only)")
            let onHand = input.skus.map { sku in
                input.lots[Int(sku.lotStart)..<Int(sku.lotStart + sku.lotCount)].reduce(0) { $0 + $1.quantity }
            }
            p.expectEqual(onHand, [5, 10], "units on hand from the lots")
            p.expectEqual(input.lots.map { input.warehouses[Int($0.warehouse)] }.first, "KHM-1", "a lot's warehouse")
            p.expectEqual(input.channels.map(\.channel), [D.channel, D.other], "channels, as asked")
            let a = input.channels.first?.states
            p.expectEqual(a?.first, OfferState(listing: "g-SKU-A", acknowledgedQuantity: 3, acknowledgedPriceMinor: 1_990, pendingQuantity: 4),
                          "SKU-A on the first channel")
            p.expectEqual(a?.last, OfferState(listing: "g-SKU-B", pendingPriceMinor: 2_990), "SKU-B on the first channel")
            p.expectEqual(input.channels.last?.states.first, OfferState(listing: nil), "SKU-A, not listed on the other channel")
            let few = try await store.planningInput(channels: [D.channel], skus: ["SKU-B", "NOPE"])
            p.expectEqual(few.skus.map(\.sku), ["SKU-B"], "the input for a few SKUs")
            p.expectEqual(few.skus.first?.reserved, 2, "SKU-B reserved, read for a few SKUs")
            return p.list
        },
        StoreConformanceCheck(role: .planning, name: "the change sequence and plan marks", needs: [.catalog, .orders]) { underTest in
            let store = try role(underTest.store, (any PlanningStore).self)
            let catalog = try role(underTest.store, (any CatalogStore).self)
            let orders = try role(underTest.store, (any OrderStore).self)
            var p = ConformanceProblems()
            p.expectEqual(try await store.changeSequence(), 0, "an empty store's change sequence")
            p.expect(try await store.planMark(for: D.channel) == nil, "a plan mark before the first pass")
            _ = try await catalog.applyImport([D.product("SKU-A"), D.product("SKU-B", expires: false)], source: "a.csv", at: D.at(0))
            let afterImport = try await store.changeSequence()
            p.expect(afterImport > 0, "the change sequence after an import")
            try await store.setPlanMark(PlanMark(sequence: afterImport, rulesDigest: "r1"), for: D.channel)
            p.expectEqual(try await store.planMark(for: D.channel), PlanMark(sequence: afterImport, rulesDigest: "r1"), "the plan mark")
            p.expectEqual(try await store.planningInput(channels: [D.channel], changedSince: afterImport, expiringBefore: nil).skus.map(\.sku), [],
                          "changed since the mark, before anything changed")
            _ = try await catalog.applyImport([D.product("SKU-B", lots: [1], expires: false)], source: "b.csv", at: D.at(1))
            p.expectEqual(try await store.planningInput(channels: [D.channel], changedSince: afterImport, expiringBefore: nil).skus.map(\.sku), ["SKU-B"],
                          "changed since the mark, after an import of SKU-B")
            let afterSecond = try await store.changeSequence()
            _ = try await orders.storeOrders([D.order("O-1", .readyToShip, lines: [("SKU-A", 1)])], channel: D.channel, cursor: D.at(2), at: D.at(2))
            p.expectEqual(try await store.planningInput(channels: [D.channel], changedSince: afterSecond, expiringBefore: nil).skus.map(\.sku), ["SKU-A"],
                          "changed since, after an order reserved SKU-A")
            let expiring = try await store.planningInput(channels: [D.channel], changedSince: try await store.changeSequence(),
                                                         expiringBefore: Int32(1_780_000_000 / 86_400 + 1))
            p.expectEqual(expiring.skus.map(\.sku), ["SKU-A"], "SKUs with a lot expiring before a day")
            return p.list
        },
        StoreConformanceCheck(role: .planning, name: "outbox versions", needs: [.outbox, .catalog]) { underTest in
            let store = try role(underTest.store, (any PlanningStore).self)
            let outbox = try role(underTest.store, (any OutboxStore).self)
            let catalog = try role(underTest.store, (any CatalogStore).self)
            var p = ConformanceProblems()
            _ = try await catalog.applyImport([D.product("SKU-A"), D.product("SKU-B")], source: "a.csv", at: D.at(0))
            let items = try await outbox.enqueue([D.stock("SKU-A", 1), D.stock("SKU-B", 1)], at: D.at(1))
            let newer = try await outbox.enqueue([D.stock("SKU-A", 2)], at: D.at(2))
            try await outbox.acknowledge([items[1]], at: D.at(3))
            p.expectEqual(try await store.outboxVersions(of: items.map(\.id) + [999_999]), [items[0].id: newer[0].version],
                          "versions of the ids asked (acknowledged and unknown ones absent)")
            return p.list
        },
        StoreConformanceCheck(role: .heldChanges, name: "held prices are replaced, listed and approved once", needs: [.catalog, .planning, .outbox]) { underTest in
            let store = try role(underTest.store, (any HeldChangeStore).self)
            let catalog = try role(underTest.store, (any CatalogStore).self)
            let planning = try role(underTest.store, (any PlanningStore).self)
            let outbox = try role(underTest.store, (any OutboxStore).self)
            var p = ConformanceProblems()
            _ = try await catalog.applyImport([D.product("SKU-A"), D.product("SKU-B")], source: "a.csv", at: D.at(0))
            func held(_ sku: String, _ to: Int64, on channel: ChannelID = D.channel) -> HeldChange {
                HeldChange(channel: channel, sku: SKU(sku), from: D.cny(1_000), to: D.cny(to), guardKind: .maxChange,
                           reason: "change exceeds max_change 30%", heldAt: D.at(1))
            }
            try await store.replaceHeldChanges([held("SKU-B", 2_000), held("SKU-A", 2_000)], channel: D.channel, planned: nil)
            try await store.replaceHeldChanges([held("SKU-A", 3_000, on: D.other)], channel: D.other, planned: nil)
            p.expectEqual(try await store.heldChanges(for: nil).map { "\($0.channel)/\($0.sku)" },
                          ["conformance-a/SKU-A", "conformance-a/SKU-B", "conformance-b/SKU-A"], "held, by channel then SKU")
            // A pass that planned SKU-A only replaces SKU-A's.
            try await store.replaceHeldChanges([], channel: D.channel, planned: ["SKU-A"])
            p.expectEqual(try await store.heldChanges(for: D.channel).map(\.sku), ["SKU-B"], "held after a pass over SKU-A")
            p.expectEqual(try await store.heldChanges(for: D.channel).first, held("SKU-B", 2_000), "a held change read back")
            let sequence = try await planning.changeSequence()
            p.expectEqual(try await store.approveHeldChanges(channel: D.channel, skus: nil, at: D.at(2)), 1, "approved")
            p.expectEqual(try await store.heldChanges(for: D.channel), [], "held after approval")
            p.expect(try await planning.changeSequence() > sequence, "an approval moves the change sequence")
            let input = try await planning.planningInput(channels: [D.channel], skus: ["SKU-B"])
            p.expectEqual(input.channels.first?.states.first?.approvedPriceMinor, 2_000, "the approved price in the planner's input")
            // The acknowledgement of that exact price uses the approval up.
            let items = try await outbox.enqueue([D.price("SKU-B", 2_000)], at: D.at(3))
            try await outbox.acknowledge(items, at: D.at(4))
            let after = try await planning.planningInput(channels: [D.channel], skus: ["SKU-B"])
            p.expect(after.channels.first?.states.first?.approvedPriceMinor == nil, "the approval after its price was acknowledged")
            return p.list
        },
    ]
}
