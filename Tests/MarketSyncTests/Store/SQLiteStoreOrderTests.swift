import Foundation
import MarketSync
@testable import MarketSyncStore
import Testing

@Suite("SQLiteStore orders") struct SQLiteStoreOrderTests {
    typealias F = StoreFixtures

    @Test func newUpdatedAndUnchangedAreCountedAndHistoryGrowsOnStatusChange() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let store = temp.store
        let first = [F.order("O-1", .pendingAcceptance, raw: "1/0/0"), F.order("O-2", .awaitingPayment, raw: "0/0/0")]
        // No catalog here: every line is unmatched, one incident each.
        #expect(try await store.storeOrders(first, channel: F.epinduo, cursor: F.at(10), at: F.at(10))
                == OrderStoreCounts(new: 2, unmatchedLines: 2))
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
                == OrderStoreCounts(new: 1, unmatchedLines: 1))
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
                == OrderStoreCounts(updated: 1, unmatchedLines: 1))
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
        #expect(counts == OrderStoreCounts(new: 1, unmatchedLines: 1))
        #expect(try await temp.store.order("1001", channel: F.epinduo)?.order.state == .readyToShip)
        #expect(try await temp.store.order("1001", channel: F.walmart)?.order.state == .shipped)
    }

    @Test func aLineWithoutTheMerchantCodeIsLinkedByTheChannelListing() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        _ = try await temp.store.applyImport([F.product("JAM-2", lots: [10], listings: [F.epinduo: "500:2"])], source: "t", at: F.t0)
        // The channel sent no outer id: the line carries only its listing (and that as its SKU).
        let order = ChannelOrder(id: "O-9", state: .readyToShip, rawStatus: "1", updatedAt: F.at(5),
                                 lines: [OrderLine(sku: "500:2", quantity: 3, listing: "500:2")])
        let counts = try await temp.store.storeOrders([order], channel: F.epinduo, cursor: F.at(5), at: F.at(5))
        #expect(counts == OrderStoreCounts(new: 1))
        let stored = try #require(try await temp.store.order("O-9", channel: F.epinduo))
        #expect(stored.order.lines == [OrderLine(sku: "JAM-2", quantity: 3, listing: "500:2")])
        // It reserves: the planning input sees 3 of the 10 held.
        let input = try await temp.store.planningInput(channels: [F.epinduo], changedSince: nil, expiringBefore: nil)
        #expect(input.skus.first?.reserved == 3)
        // Read again (the overlap window): nothing changed, nothing new.
        #expect(try await temp.store.storeOrders([order], channel: F.epinduo, cursor: F.at(5), at: F.at(6))
                == OrderStoreCounts(unchanged: 1))
        #expect(try await temp.store.openIncidents(for: nil).isEmpty)
    }

    @Test func aLineThatMatchesNothingIsAnIncidentUntilAnImportLinksIt() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let order = ChannelOrder(id: "O-7", state: .readyToShip, rawStatus: "1", updatedAt: F.at(5),
                                 lines: [OrderLine(sku: "700:1", quantity: 2, listing: "700:1")])
        #expect(try await temp.store.storeOrders([order], channel: F.epinduo, cursor: F.at(5), at: F.at(5))
                == OrderStoreCounts(new: 1, unmatchedLines: 1))
        let incidents = try await temp.store.openIncidents(for: F.epinduo)
        #expect(incidents.map(\.orderID) == ["O-7"])
        #expect(incidents.first?.detail.contains("700:1") == true)
        #expect(try await temp.store.waitingWork(for: F.epinduo) == WaitingWork(incidents: 1))
        // Seen again: the same incident, not a second one.
        _ = try await temp.store.storeOrders([order], channel: F.epinduo, cursor: F.at(5), at: F.at(6))
        #expect(try await temp.store.openIncidents(for: nil).count == 1)

        // The catalog gains the listing: the import links the line, closes the incident, and the SKU reserves.
        let before = try await temp.store.changeSequence()
        _ = try await temp.store.applyImport([F.product("FISH-1", lots: [4], listings: [F.epinduo: "700:1"])], source: "t", at: F.at(7))
        #expect(try await temp.store.openIncidents(for: nil).isEmpty)
        #expect(try await temp.store.order("O-7", channel: F.epinduo)?.order.lines.first?.sku == "FISH-1")
        let input = try await temp.store.planningInput(channels: [F.epinduo], changedSince: before, expiringBefore: nil)
        #expect(input.skus.first?.reserved == 2)
    }
}
