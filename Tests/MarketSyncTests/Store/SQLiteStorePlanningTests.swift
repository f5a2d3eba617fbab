import Foundation
import MarketSync
@testable import MarketSyncStore
import Testing

@Suite("SQLiteStore planning") struct SQLiteStorePlanningTests {
    typealias F = StoreFixtures

    @Test func rowsCarryStockReservationsListingAcknowledgedAndPendingValues() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let store = temp.store
        _ = try await store.applyImport([
            F.product("SKU-B", price: 2_000, lots: [10, 5], listings: [F.epinduo: "g-b", F.walmart: "w-b"]),
            F.product("SKU-A", price: 1_000, lots: [3], listings: [F.walmart: "w-a"]),
            F.product("SKU-C", price: 3_000, lots: []),
        ], source: "a.csv", at: F.t0)

        // Open orders on either channel reserve stock; shipped, cancelled and delivered ones do not.
        _ = try await store.storeOrders([
            F.order("E-1", .pendingAcceptance, lines: [("SKU-B", 2), ("SKU-A", 1)]),
            F.order("E-2", .shipped, lines: [("SKU-B", 100)]),
            F.order("E-3", .cancelled, lines: [("SKU-B", 100)]),
            F.order("E-4", .unknown, raw: "9/9/9", lines: [("SKU-B", 1)]),
        ], channel: F.epinduo, cursor: F.t0, at: F.t0)
        _ = try await store.storeOrders([
            F.order("W-1", .readyToShip, lines: [("SKU-B", 3)]),
            F.order("W-2", .awaitingPayment, lines: [("SKU-B", 1), ("SKU-GONE", 7)]),
            F.order("W-3", .delivered, lines: [("SKU-A", 50)]),
        ], channel: F.walmart, cursor: F.t0, at: F.t0)

        let acknowledged = try await store.enqueue([F.stock("SKU-B", 8), F.price("SKU-B", 990)], at: F.t0)
        try await store.acknowledge(acknowledged, at: F.at(1))
        _ = try await store.enqueue([F.stock("SKU-B", 6), F.price("SKU-A", 500), F.stock("SKU-B", 1, on: F.walmart)], at: F.at(2))

        let rows = try await store.planningRows(for: F.epinduo)
        #expect(rows.map(\.sku) == ["SKU-A", "SKU-B", "SKU-C"])
        #expect(rows[0] == PlanningRow(sku: "SKU-A", onHand: 3, reserved: 1, basePrice: F.rub(1_000), listing: nil,
                                       pendingPrice: F.cny(500)))
        #expect(rows[1] == PlanningRow(sku: "SKU-B", onHand: 15, reserved: 2 + 1 + 3 + 1, basePrice: F.rub(2_000),
                                       listing: "g-b", acknowledgedQuantity: 8, acknowledgedPrice: F.cny(990),
                                       pendingQuantity: 6))
        #expect(rows[2] == PlanningRow(sku: "SKU-C", onHand: 0, reserved: 0, basePrice: F.rub(3_000), listing: nil))

        let walmart = try await store.planningRows(for: F.walmart)
        #expect(walmart[1] == PlanningRow(sku: "SKU-B", onHand: 15, reserved: 7, basePrice: F.rub(2_000),
                                          listing: "w-b", pendingQuantity: 1))

        // Shipping the walmart order releases its reservation.
        _ = try await store.storeOrders([F.order("W-1", .shipped, updated: 60, lines: [("SKU-B", 3)])],
                                        channel: F.walmart, cursor: F.at(60), at: F.at(60))
        #expect(try await store.planningRows(for: F.epinduo)[1].reserved == 4)
    }

    /// 100,000 products: import, re-import (all unchanged) and one planning read give the right counts and rows.
    /// Their speed is measured by `scripts/bench-plan`, not here: a time limit in a unit test fails on a busy machine.
    @Test func hundredThousandProductsImportAndPlan() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let count = 100_000
        let products: [Product] = (0..<count).map { (index: Int) -> Product in
            let listings: [ChannelID: String] = index % 3 == 0 ? [:] : [F.epinduo: "g-\(index)"]
            let lots: [Int64] = [Int64(index % 40), 3]
            return F.product(Self.sku(index), price: Int64(1_000 + index % 500), lots: lots, listings: listings)
        }
        var counts = try await temp.store.applyImport(products, source: "big.csv", at: F.t0)
        #expect(counts.inserted == count)
        counts = try await temp.store.applyImport(products, source: "big.csv", at: F.at(60))
        #expect(counts.unchanged == count)
        let drafts: [OutboxDraft] = (0..<1_000).map { F.stock(Self.sku($0 * 7), 1) }
        _ = try await temp.store.enqueue(drafts, at: F.t0)
        let orders: [ChannelOrder] = (0..<500).map { F.order("O-\($0)", .readyToShip, lines: [(Self.sku($0), 1)]) }
        _ = try await temp.store.storeOrders(orders, channel: F.epinduo, cursor: F.t0, at: F.t0)
        let rows = try await temp.store.planningRows(for: F.epinduo)
        #expect(rows.count == count)
        #expect(rows[0].reserved == 1 && rows[0].pendingQuantity == 1 && rows[0].onHand == 3)
    }

    private static func sku(_ index: Int) -> String {
        let digits = String(index)
        return "SKU-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
