import Foundation
import MarketSync
@testable import MarketSyncStore
import Testing

@Suite("SQLiteStore outbox") struct SQLiteStoreOutboxTests {
    typealias F = StoreFixtures

    /// A store holding SKU-A and SKU-B.
    private func seeded() async throws -> TemporaryStore {
        let temp = try TemporaryStore()
        _ = try await temp.store.applyImport([F.product("SKU-A"), F.product("SKU-B")], source: "a.csv", at: F.t0)
        return temp
    }

    @Test func versionsGrowAcrossCallsKindsAndChannels() async throws {
        let temp = try await seeded()
        defer { temp.remove() }
        let first = try await temp.store.enqueue([F.stock("SKU-A", 1), F.price("SKU-A", 100)], at: F.t0)
        let second = try await temp.store.enqueue([F.stock("SKU-B", 2, on: F.walmart)], at: F.at(1))
        let versions = (first + second).map(\.version)
        #expect(versions == versions.sorted() && Set(versions).count == 3)
        #expect(first.allSatisfy { $0.status == .pending && $0.attempts == 0 && $0.enqueuedAt == F.t0 })
        #expect(try await temp.store.pendingOutbox(for: F.epinduo) == first)
        #expect(try await temp.store.pendingOutbox(for: F.walmart) == second)
    }

    @Test func enqueueSupersedesTheSameChannelKindAndKey() async throws {
        let temp = try await seeded()
        defer { temp.remove() }
        let v1 = try await temp.store.enqueue([F.stock("SKU-A", 1), F.stock("SKU-B", 1)], at: F.t0)
        try await temp.store.recordFailure(v1[0], reason: "HTTP 503", permanent: false, at: F.at(1))
        let v2 = try await temp.store.enqueue([F.stock("SKU-A", 7)], at: F.at(2))
        #expect(v2[0].id == v1[0].id)
        #expect(v2[0].version > v1[1].version)

        let pending = try await temp.store.pendingOutbox(for: F.epinduo)
        #expect(pending.count == 2)
        #expect(pending[0].payload == .stock(quantity: 7))
        #expect(pending[0].version == v2[0].version)
        #expect(pending[0].attempts == 0)
        #expect(pending[0].lastError == nil)
        // A price for the same SKU is a different entry.
        _ = try await temp.store.enqueue([F.price("SKU-A", 990)], at: F.at(3))
        #expect(try await temp.store.pendingOutbox(for: F.epinduo).count == 3)
    }

    /// Enqueue v1, enqueue v2, then the channel's acknowledgements arrive in either order.
    @Test(arguments: [true, false])
    func anOlderAcknowledgementNeverWinsOverANewerOne(olderFirst: Bool) async throws {
        let temp = try await seeded()
        defer { temp.remove() }
        let v1 = try await temp.store.enqueue([F.stock("SKU-A", 10), F.price("SKU-A", 1_000)], at: F.t0)
        let v2 = try await temp.store.enqueue([F.stock("SKU-A", 20), F.price("SKU-A", 2_000)], at: F.at(1))

        if olderFirst {
            try await temp.store.acknowledge(v1, at: F.at(2))
            // v1 is acknowledged but v2 still waits: it superseded v1 and must still be sent.
            #expect(try await temp.store.pendingOutbox(for: F.epinduo) == v2)
            let offer = try #require(try await temp.store.acknowledgedOffers(for: F.epinduo).first)
            #expect(offer.quantity == 10 && offer.price == F.cny(1_000))
            try await temp.store.acknowledge(v2, at: F.at(3))
        } else {
            try await temp.store.acknowledge(v2, at: F.at(2))
            try await temp.store.acknowledge(v1, at: F.at(3))
        }

        let offers = try await temp.store.acknowledgedOffers(for: F.epinduo)
        #expect(offers.count == 1)
        if olderFirst {
            #expect(offers.first?.quantity == 20)
            #expect(offers.first?.price == F.cny(2_000))
        } else {
            // v1 acknowledged after v2: the two sends raced and the channel may hold v1's values. The stored value
            // is forgotten (never v1's), so the next plan sends the current one again.
            #expect(offers.first?.quantity == nil)
            #expect(offers.first?.price == nil)
        }
        #expect(offers.first?.quantityVersion == v2[0].version)
        #expect(offers.first?.priceVersion == v2[1].version)
        #expect(try await temp.store.pendingOutbox(for: F.epinduo).isEmpty)
    }

    @Test func acknowledgingAStaleEntryNeverDeletesTheNewerOne() async throws {
        let temp = try await seeded()
        defer { temp.remove() }
        let v1 = try await temp.store.enqueue([F.stock("SKU-A", 10)], at: F.t0)
        let v2 = try await temp.store.enqueue([F.stock("SKU-A", 20)], at: F.at(1))
        try await temp.store.acknowledge(v1, at: F.at(2))
        try await temp.store.acknowledge(v1, at: F.at(3))   // a duplicate receipt changes nothing either
        #expect(try await temp.store.pendingOutbox(for: F.epinduo) == v2)
        #expect(try await temp.store.planningRows(for: F.epinduo).first?.pendingQuantity == 20)
    }

    @Test func recordFailureParksAndRequeueRestores() async throws {
        let temp = try await seeded()
        defer { temp.remove() }
        let items = try await temp.store.enqueue([F.stock("SKU-A", 1), F.stock("SKU-B", 2), F.stock("SKU-A", 3, on: F.walmart)], at: F.t0)
        try await temp.store.recordFailure(items[0], reason: "HTTP 503", permanent: false, at: F.at(1))
        try await temp.store.recordFailure(items[0], reason: "timeout", permanent: false, at: F.at(2))
        var pending = try await temp.store.pendingOutbox(for: F.epinduo)
        #expect(pending[0].attempts == 2 && pending[0].lastError == "timeout" && pending[0].status == .pending)

        try await temp.store.recordFailure(items[0], reason: "invalid sku_id", permanent: true, at: F.at(3))
        try await temp.store.recordFailure(items[2], reason: "rejected", permanent: true, at: F.at(3))
        pending = try await temp.store.pendingOutbox(for: F.epinduo)
        #expect(pending.map(\.key) == ["SKU-B"])
        let parked = try await temp.store.failedOutbox(for: F.epinduo)
        #expect(parked.count == 1)
        #expect(parked.first?.status == .failed && parked.first?.attempts == 3 && parked.first?.lastError == "invalid sku_id")
        #expect(try await temp.store.failedOutbox(for: nil).count == 2)
        // Parked entries are not what the planner sees as pending.
        #expect(try await temp.store.planningRows(for: F.epinduo).first?.pendingQuantity == nil)

        #expect(try await temp.store.requeueFailed(for: F.epinduo) == 1)
        #expect(try await temp.store.failedOutbox(for: nil).map(\.channel) == [F.walmart])
        pending = try await temp.store.pendingOutbox(for: F.epinduo)
        #expect(pending.map(\.key) == ["SKU-A", "SKU-B"])
        #expect(pending[0].attempts == 0 && pending[0].status == .pending)
        #expect(try await temp.store.requeueFailed(for: nil) == 1)
        #expect(try await temp.store.failedOutbox(for: nil).isEmpty)
    }

    @Test func aFailureOfASupersededVersionChangesNothing() async throws {
        let temp = try await seeded()
        defer { temp.remove() }
        let v1 = try await temp.store.enqueue([F.stock("SKU-A", 1)], at: F.t0)
        let v2 = try await temp.store.enqueue([F.stock("SKU-A", 2)], at: F.at(1))
        try await temp.store.recordFailure(v1[0], reason: "rejected", permanent: true, at: F.at(2))
        #expect(try await temp.store.pendingOutbox(for: F.epinduo) == v2)
        #expect(try await temp.store.failedOutbox(for: nil).isEmpty)
    }

    @Test func acknowledgedShipmentRecordsTrackingOnTheOrder() async throws {
        let temp = try await seeded()
        defer { temp.remove() }
        _ = try await temp.store.storeOrders([F.order("O-1", .readyToShip)], channel: F.epinduo, cursor: F.t0, at: F.t0)
        let shipment = Shipment(orderID: "O-1", carrier: "SF Express", trackingNumber: "SF1234567890")
        let items = try await temp.store.enqueue(
            [OutboxDraft(channel: F.epinduo, key: "O-1", listing: nil, payload: .shipment(shipment))], at: F.at(1))
        #expect(try await temp.store.pendingOutbox(for: F.epinduo).first?.payload == .shipment(shipment))
        try await temp.store.acknowledge(items, at: F.at(2))
        #expect(try await temp.store.pendingOutbox(for: F.epinduo).isEmpty)
        #expect(try await temp.store.order("O-1", channel: F.epinduo)?.order.trackingNumber == "SF1234567890")
    }
}
