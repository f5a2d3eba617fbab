import Foundation
import MarketSync
import MarketSyncStore
import Testing

@Suite("SQLiteStore orders") struct SQLiteStoreOrderTests {
    typealias F = StoreFixtures

    @Test func newUpdatedAndUnchangedAreCountedAndHistoryGrowsOnStatusChange() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let store = temp.store
        let first = [F.order("O-1", .pendingAcceptance, raw: "1/0/0"), F.order("O-2", .awaitingPayment, raw: "0/0/0")]
        #expect(try await store.storeOrders(first, channel: F.epinduo, cursor: F.at(10), at: F.at(10))
                == OrderStoreCounts(new: 2))
        // The overlap window returns both again: O-1 moved on, O-2 did not.
        let second = [F.order("O-1", .readyToShip, raw: "2/0/1", updated: 20), first[1]]
        #expect(try await store.storeOrders(second, channel: F.epinduo, cursor: F.at(20), at: F.at(20))
                == OrderStoreCounts(updated: 1, unchanged: 1))

        let stored = try #require(try await store.order("O-1", channel: F.epinduo))
        #expect(stored.order == second[0])
        #expect(stored.history == [
            OrderStatusChange(state: .pendingAcceptance, rawStatus: "1/0/0", at: F.t0),
            OrderStatusChange(state: .readyToShip, rawStatus: "2/0/1", at: F.at(20)),
        ])
        #expect(try await store.order("O-2", channel: F.epinduo)?.history.count == 1)
        #expect(try await store.orders(for: F.epinduo).map(\.order.id) == ["O-1", "O-2"])
        #expect(try await store.orders(for: F.walmart).isEmpty)
    }

    @Test func sameIDTwiceInOneCallCountsOnceAndTheLaterWins() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let later = F.order("O-1", .readyToShip, updated: 30)
        let earlier = F.order("O-1", .pendingAcceptance, updated: 10)
        #expect(try await temp.store.storeOrders([later, earlier], channel: F.epinduo, cursor: F.t0, at: F.t0)
                == OrderStoreCounts(new: 1))
        let stored = try await temp.store.order("O-1", channel: F.epinduo)
        #expect(stored?.order == later)
        #expect(stored?.history.map(\.state) == [.readyToShip])
        #expect(try temp.store.tableCounts()["order_lines"] == 1)
    }

    @Test func anOlderCopyChangesNothingAndLinesAreReplacedOnUpdate() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let current = F.order("O-1", .readyToShip, updated: 50, lines: [("SKU-A", 1), ("SKU-B", 2)])
        _ = try await temp.store.storeOrders([current], channel: F.epinduo, cursor: F.t0, at: F.t0)
        let stale = F.order("O-1", .pendingAcceptance, updated: 40, lines: [("SKU-A", 9)])
        #expect(try await temp.store.storeOrders([stale], channel: F.epinduo, cursor: F.t0, at: F.t0)
                == OrderStoreCounts(unchanged: 1))
        #expect(try await temp.store.order("O-1", channel: F.epinduo)?.order == current)

        // Same timestamp, different lines (a channel that edits without bumping the time): updated, no history.
        let edited = F.order("O-1", .readyToShip, updated: 50, lines: [("SKU-C", 4)])
        #expect(try await temp.store.storeOrders([edited], channel: F.epinduo, cursor: F.t0, at: F.t0)
                == OrderStoreCounts(updated: 1))
        let stored = try await temp.store.order("O-1", channel: F.epinduo)
        #expect(stored?.order.lines == edited.lines)
        #expect(stored?.history.count == 1)
        #expect(try temp.store.tableCounts()["order_lines"] == 1)
    }

    @Test func theCursorNeverMovesBackwardsAndIsPerChannel() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        #expect(try await temp.store.orderCursor(for: F.epinduo) == nil)
        _ = try await temp.store.storeOrders([], channel: F.epinduo, cursor: F.at(100), at: F.t0)
        _ = try await temp.store.storeOrders([], channel: F.epinduo, cursor: F.at(50), at: F.t0)
        #expect(try await temp.store.orderCursor(for: F.epinduo) == F.at(100))
        _ = try await temp.store.storeOrders([], channel: F.epinduo, cursor: F.at(150), at: F.t0)
        #expect(try await temp.store.orderCursor(for: F.epinduo) == F.at(150))
        #expect(try await temp.store.orderCursor(for: F.walmart) == nil)
    }

    @Test func sameOrderIDOnTwoChannelsAreTwoOrders() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        _ = try await temp.store.storeOrders([F.order("1001", .readyToShip)], channel: F.epinduo, cursor: F.t0, at: F.t0)
        let counts = try await temp.store.storeOrders([F.order("1001", .shipped)], channel: F.walmart, cursor: F.t0, at: F.t0)
        #expect(counts == OrderStoreCounts(new: 1))
        #expect(try await temp.store.order("1001", channel: F.epinduo)?.order.state == .readyToShip)
        #expect(try await temp.store.order("1001", channel: F.walmart)?.order.state == .shipped)
    }
}
