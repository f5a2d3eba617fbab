internal import Foundation
internal import MarketSync

/// `OutboxStore`: versions that only grow and supersede, acknowledgements that never go back, failures that park,
/// requeue, and a race between two sends forgetting the acknowledged value.
enum OutboxChecks {
    typealias D = ConformanceData

    static let all: [StoreConformanceCheck] = [
        StoreConformanceCheck(role: .outbox, name: "a newer version supersedes") { underTest in
            let store = try role(underTest.store, (any OutboxStore).self)
            var p = ConformanceProblems()
            let first = try await store.enqueue([D.stock("SKU-A", 5), D.price("SKU-A", 1_990), D.stock("SKU-B", 1)], at: D.at(0))
            p.expectEqual(first.count, 3, "items written")
            p.expect(zip(first, first.dropFirst()).allSatisfy { $0.version < $1.version }, "versions in one enqueue grow: \(first.map(\.version))")
            let second = try await store.enqueue([D.stock("SKU-A", 7)], at: D.at(1))
            p.expect(second.first.map { $0.version > first.map(\.version).max() ?? 0 } ?? false, "a later enqueue takes a greater version")
            p.expectEqual(second.first?.id, first.first?.id, "the superseding entry keeps the entry's id (its place in the queue)")
            let pending = try await store.pendingOutbox(for: D.channel)
            p.expectEqual(pending.map(\.key), ["SKU-A", "SKU-A", "SKU-B"], "pending keys, oldest first")
            p.expectEqual(pending.first?.payload, .stock(quantity: 7), "the stock entry of SKU-A holds the newer value")
            p.expectEqual(pending.filter { $0.kind == .stock && $0.key == "SKU-A" }.count, 1, "one stock entry per key")
            p.expectEqual(try await store.pendingOutbox(for: D.other), [], "another channel's queue")
            return p.list
        },
        StoreConformanceCheck(role: .outbox, name: "acknowledge records the value and empties the queue", needs: [.catalog]) { underTest in
            let store = try role(underTest.store, (any OutboxStore).self)
            let catalog = try role(underTest.store, (any CatalogStore).self)
            var p = ConformanceProblems()
            _ = try await catalog.applyImport([D.product("SKU-A"), D.product("SKU-B")], source: "a.csv", at: D.at(0))
            let items = try await store.enqueue([D.stock("SKU-A", 5), D.price("SKU-A", 1_990), D.stock("SKU-B", 2)], at: D.at(1))
            try await store.acknowledge(items, at: D.at(2))
            p.expectEqual(try await store.pendingOutbox(for: D.channel), [], "pending after acknowledging everything")
            let offers = try await store.acknowledgedOffers(for: D.channel)
            p.expectEqual(offers.map(\.sku), ["SKU-A", "SKU-B"], "acknowledged SKUs, ordered")
            p.expectEqual(offers.first?.quantity, 5, "SKU-A's acknowledged stock")
            p.expectEqual(offers.first?.price, D.cny(1_990), "SKU-A's acknowledged price")
            p.expectEqual(offers.first?.quantityVersion, items[0].version, "SKU-A's stock version")
            p.expectEqual(offers.first?.priceVersion, items[1].version, "SKU-A's price version")
            p.expectEqual(offers.first?.acknowledgedAt, D.at(2), "when SKU-A was acknowledged")
            p.expectEqual(try await store.acknowledgedOffers(for: D.other), [], "another channel's acknowledged offers")
            return p.list
        },
        StoreConformanceCheck(role: .outbox, name: "an older version never overwrites a newer one", needs: [.catalog]) { underTest in
            let store = try role(underTest.store, (any OutboxStore).self)
            let catalog = try role(underTest.store, (any CatalogStore).self)
            var p = ConformanceProblems()
            _ = try await catalog.applyImport([D.product("SKU-A")], source: "a.csv", at: D.at(0))
            let old = try await store.enqueue([D.stock("SKU-A", 5)], at: D.at(1))
            let new = try await store.enqueue([D.stock("SKU-A", 8)], at: D.at(2))
            // The old version's acknowledgement arrives first: the newer entry stays queued.
            try await store.acknowledge(old, at: D.at(3))
            p.expectEqual(try await store.pendingOutbox(for: D.channel).map(\.version), new.map(\.version), "pending after the old ack")
            p.expectEqual(try await store.acknowledgedOffers(for: D.channel).first?.quantity, 5, "acknowledged after the old ack")
            try await store.acknowledge(new, at: D.at(4))
            p.expectEqual(try await store.acknowledgedOffers(for: D.channel).first?.quantity, 8, "acknowledged after the new ack")
            p.expectEqual(try await store.pendingOutbox(for: D.channel), [], "pending after the new ack")
            // The same old acknowledgement again, late, with another value: two sends raced, the value is forgotten.
            try await store.acknowledge(old, at: D.at(5))
            let offer = try await store.acknowledgedOffers(for: D.channel).first
            p.expect(offer?.quantity == nil, "a late acknowledgement of an older, different value forgets the stock (got \(String(describing: offer?.quantity)))")
            p.expectEqual(offer?.quantityVersion, new.first?.version, "the stock version after the race")
            return p.list
        },
        StoreConformanceCheck(role: .outbox, name: "failures, parking and requeue") { underTest in
            let store = try role(underTest.store, (any OutboxStore).self)
            var p = ConformanceProblems()
            let items = try await store.enqueue([D.stock("SKU-A", 5), D.stock("SKU-B", 1), D.stock("SKU-C", 1, on: D.other)], at: D.at(0))
            try await store.recordFailure(items[0], reason: "timeout", permanent: false, at: D.at(1))
            var pending = try await store.pendingOutbox(for: D.channel)
            p.expectEqual(pending.first?.attempts, 1, "attempts after a transient failure")
            p.expectEqual(pending.first?.lastError, "timeout", "last error after a transient failure")
            p.expectEqual(pending.first?.status, .pending, "status after a transient failure")
            try await store.recordFailure(items[1], reason: "bad listing", permanent: true, at: D.at(2))
            try await store.recordFailure(items[2], reason: "bad listing", permanent: true, at: D.at(2))
            pending = try await store.pendingOutbox(for: D.channel)
            p.expectEqual(pending.map(\.key), ["SKU-A"], "pending after a permanent failure")
            let parked = try await store.failedOutbox(for: D.channel)
            p.expectEqual(parked.map(\.key), ["SKU-B"], "parked on the channel")
            p.expectEqual(parked.first?.status, .failed, "a parked item's status")
            p.expectEqual(parked.first?.lastError, "bad listing", "a parked item's reason")
            p.expectEqual(try await store.failedOutbox(for: nil).map(\.key), ["SKU-B", "SKU-C"], "parked on every channel")
            p.expectEqual(try await store.requeueFailed(for: D.channel), 1, "requeued on the channel")
            p.expectEqual(try await store.pendingOutbox(for: D.channel).map(\.key), ["SKU-A", "SKU-B"], "pending after requeue")
            p.expectEqual(try await store.pendingOutbox(for: D.channel).last?.attempts, 0, "attempts after requeue")
            p.expectEqual(try await store.requeueFailed(for: nil), 1, "requeued on every channel")
            p.expectEqual(try await store.requeueFailed(for: nil), 0, "requeued when nothing is parked")
            return p.list
        },
        StoreConformanceCheck(role: .outbox, name: "a superseded entry's failure changes nothing") { underTest in
            let store = try role(underTest.store, (any OutboxStore).self)
            var p = ConformanceProblems()
            let old = try await store.enqueue([D.stock("SKU-A", 5)], at: D.at(0))
            let parkedOld = try await store.enqueue([D.stock("SKU-A", 6)], at: D.at(1))
            try await store.recordFailure(old[0], reason: "late failure", permanent: true, at: D.at(2))
            let pending = try await store.pendingOutbox(for: D.channel)
            p.expectEqual(pending.map(\.version), parkedOld.map(\.version), "pending after a superseded failure")
            p.expectEqual(pending.first?.attempts, 0, "attempts after a superseded failure")
            p.expectEqual(try await store.failedOutbox(for: nil), [], "parked after a superseded failure")
            // A parked entry is superseded by a new draft: pending again, attempts and error cleared.
            try await store.recordFailure(parkedOld[0], reason: "rejected", permanent: true, at: D.at(3))
            let newer = try await store.enqueue([D.stock("SKU-A", 7)], at: D.at(4))
            let after = try await store.pendingOutbox(for: D.channel)
            p.expectEqual(after.map(\.version), newer.map(\.version), "pending after superseding a parked entry")
            p.expect(after.first?.lastError == nil, "the last error after superseding a parked entry")
            p.expectEqual(try await store.failedOutbox(for: nil), [], "parked after superseding a parked entry")
            return p.list
        },
        StoreConformanceCheck(role: .outbox, name: "order answers round-trip through the queue") { underTest in
            let store = try role(underTest.store, (any OutboxStore).self)
            var p = ConformanceProblems()
            let shipment = Shipment(orderID: "O-1", carrier: "SF", trackingNumber: "SF123",
                                    lines: [ShipmentLine(line: "O-1-1", quantity: 2)])
            let drafts = [
                OutboxDraft(channel: D.channel, key: "O-1", listing: nil, payload: .shipment(shipment)),
                OutboxDraft(channel: D.channel, key: "O-2", listing: nil,
                            payload: .acceptance([OrderLineDecision(line: "1", accepted: true), OrderLineDecision(line: "2", accepted: false, reason: "out of stock")])),
                OutboxDraft(channel: D.channel, key: "O-3", listing: nil, payload: .acknowledgement),
            ]
            let written = try await store.enqueue(drafts, at: D.at(0))
            let pending = try await store.pendingOutbox(for: D.channel)
            p.expectEqual(pending.map(\.payload), drafts.map(\.payload), "payloads read back")
            p.expectEqual(pending, written, "items read back as written")
            return p.list
        },
    ]
}
