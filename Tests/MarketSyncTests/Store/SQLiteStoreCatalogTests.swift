import Foundation
import MarketSync
@testable import MarketSyncStore
import Testing

@Suite("SQLiteStore catalog") struct SQLiteStoreCatalogTests {
    typealias F = StoreFixtures

    @Test func importInsertsThenCountsUnchangedAndUpdated() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let store = temp.store
        let products = [F.product("SKU-A"), F.product("SKU-B", lots: [1, 2]), F.product("SKU-C", lots: [])]

        #expect(try await store.applyImport(products, source: "a.csv", at: F.t0) == ImportCounts(inserted: 3))
        #expect(try await store.productCount() == 3)
        #expect(try await store.applyImport(products, source: "a.csv", at: F.at(60)) == ImportCounts(unchanged: 3))

        var changed = products
        changed[0].basePrice = F.rub(12_000)              // a field
        changed[1].lots[1].quantity = 7                   // a lot
        changed[2].listings = [F.epinduo: "g-1:s-1"]      // a listing
        let counts = try await store.applyImport(changed + [F.product("SKU-D")], source: "b.csv", at: F.at(120))
        #expect(counts == ImportCounts(inserted: 1, updated: 3, unchanged: 0))
        #expect(try await store.product("SKU-A")?.basePrice == F.rub(12_000))
        #expect(try await store.product("SKU-C")?.listings == [F.epinduo: "g-1:s-1"])
        #expect(try await store.productCount() == 4)
        #expect(try store.tableCounts()["imports"] == 3)
    }

    @Test func aSKURepeatedInOneImportIsAppliedInOrder() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let first = F.product("SKU-A", price: 100, lots: [1])
        let second = F.product("SKU-A", price: 200, lots: [2, 3])
        #expect(try await temp.store.applyImport([first, second, second], source: "dup.csv", at: F.t0)
                == ImportCounts(inserted: 1, updated: 1, unchanged: 1))
        #expect(try await temp.store.product("SKU-A") == second)
        #expect(try temp.store.tableCounts()["stock_lots"] == 2)
    }

    @Test func productRoundTripsEveryField() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let product = F.product("SKU-A", lots: [3, 4], listings: [F.epinduo: "g-1:s-1", F.walmart: "W-9"])
        _ = try await temp.store.applyImport([product], source: "a.csv", at: F.t0)
        #expect(try await temp.store.product("SKU-A") == product)
        #expect(try await temp.store.product("SKU-NOPE") == nil)
    }

    @Test func absentSKUKeepsItsLastGoodValue() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let a = F.product("SKU-A", price: 5_000, lots: [9])
        _ = try await temp.store.applyImport([a, F.product("SKU-B")], source: "a.csv", at: F.t0)
        // SKU-A's row was bad in the next file and skipped by validation: it is simply absent.
        let counts = try await temp.store.applyImport([F.product("SKU-B", price: 1)], source: "b.csv", at: F.at(60))
        #expect(counts == ImportCounts(updated: 1))
        #expect(try await temp.store.product("SKU-A") == a)
    }

    @Test func lotsAndListingsAreReplacedNotMerged() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        _ = try await temp.store.applyImport([F.product("SKU-A", lots: [1, 2, 3], listings: [F.epinduo: "x", F.walmart: "y"])],
                                             source: "a.csv", at: F.t0)
        let replaced = F.product("SKU-A", lots: [8], listings: [F.walmart: "z"])
        _ = try await temp.store.applyImport([replaced], source: "b.csv", at: F.at(60))
        let stored = try await temp.store.product("SKU-A")
        #expect(stored?.lots == replaced.lots)
        #expect(stored?.listings == [F.walmart: "z"])
        #expect(try await temp.store.planningRows(for: F.walmart).map(\.onHand) == [8])
        let counts = try temp.store.tableCounts()
        #expect(counts["stock_lots"] == 1)
        #expect(counts["listings"] == 1)
    }

    @Test func failedImportLeavesTheStoreAsItWas() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let a = F.product("SKU-A", price: 5_000)
        _ = try await temp.store.applyImport([a], source: "a.csv", at: F.t0)
        let before = try temp.store.tableCounts()

        var changedA = a
        changedA.basePrice = F.rub(1)
        // The third product breaks a CHECK constraint (negative stock) after two rows were already written.
        let batch = [changedA, F.product("SKU-B"), F.product("SKU-C", lots: [-1]), F.product("SKU-D")]
        let error = await #expect(throws: MarketSyncError.self) {
            try await temp.store.applyImport(batch, source: "bad.csv", at: F.at(60))
        }
        #expect(error?.code == .store)
        #expect(error?.file == temp.path)
        #expect(error?.message.contains("CHECK constraint failed") == true)
        #expect(error?.message.contains("SKU-C") == false)
        #expect(try temp.store.tableCounts() == before)
        #expect(try await temp.store.product("SKU-A") == a)
        #expect(try await temp.store.product("SKU-B") == nil)
    }

    @Test func reopeningKeepsEverythingAndMigrationsAreIdempotent() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let a = F.product("SKU-A", listings: [F.epinduo: "g"])
        _ = try await temp.store.applyImport([a], source: "a.csv", at: F.t0)
        let items = try await temp.store.enqueue([F.stock("SKU-A", 4)], at: F.t0)
        _ = try await temp.store.storeOrders([F.order("O-1", .readyToShip)], channel: F.epinduo, cursor: F.at(5), at: F.t0)
        let run = try await temp.store.beginRun(mode: "sync", at: F.t0)
        try await temp.store.finishRun(run, summaryJSON: "{}", exitCode: 0, at: F.at(1))
        let before = try temp.store.tableCounts()
        try temp.store.close()

        for _ in 0..<2 {
            let reopened = try temp.reopen()
            #expect(try reopened.tableCounts() == before)
            #expect(try await reopened.product("SKU-A") == a)
            #expect(try await reopened.pendingOutbox(for: F.epinduo) == items)
            #expect(try await reopened.orderCursor(for: F.epinduo) == F.at(5))
            #expect(try await reopened.order("O-1", channel: F.epinduo)?.order.state == .readyToShip)
            try reopened.close()
        }
        // The version counter survived too: the next entry is newer than anything before.
        let next = try await temp.reopen().enqueue([F.stock("SKU-A", 5)], at: F.at(9))
        #expect(next[0].version > items[0].version)
    }

    @Test func openingWhereNoFileCanBeMadeIsAnActionableStoreError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("marketsync-store-tests-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        let path = blocker.appendingPathComponent("store.sqlite").path
        let error = #expect(throws: MarketSyncError.self) { try SQLiteStore(path: path) }
        #expect(error?.code == .store)
        #expect(error?.file == path)
        #expect(error?.message.contains(path) == true)
    }

    @Test func runsAreRecorded() async throws {
        let temp = try TemporaryStore()
        defer { temp.remove() }
        let first = try await temp.store.beginRun(mode: "sync", at: F.t0)
        let second = try await temp.store.beginRun(mode: "worker", at: F.at(1))
        #expect(second > first)
        try await temp.store.finishRun(first, summaryJSON: #"{"pushed":3}"#, exitCode: 1, at: F.at(2))
        await #expect(throws: MarketSyncError.self) {
            try await temp.store.finishRun(999, summaryJSON: "{}", exitCode: 0, at: F.at(3))
        }
        #expect(try temp.store.tableCounts()["runs"] == 2)
    }
}
