import Foundation
import MarketSync
import MarketSyncApp
import MarketSyncTesting
import Synchronization
import Testing

/// Runs that do not wait for the schedule: a changed source, and orders that reserve stock other channels sell;
/// each makes one run after the debounce window, however many triggers fall inside it.
@Suite struct WorkerTriggerTests {
    @Test func aChangedCatalogMakesOneDebouncedRunEvenWhenItChangesTwiceInTheWindow() async throws {
        let fixture = try WorkerFixture()
        let worker = try fixture.makeWorker()
        var events = WorkerEvents(worker, clock: fixture.clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            _ = try await events.nextRun()
            _ = await events.idle()
            let stockCallsOfB = fixture.factory.adapter("b").stockCalls.count

            try fixture.writeCatalog(stock: ["S1": 7, "S2": 5])
            var runs = await events.advance(seconds: 1)  // noticed at the next poll; the window opens
            #expect(runs.isEmpty)
            try fixture.writeCatalog(stock: ["S1": 6, "S2": 50])  // changed again within the window
            runs = await events.advance(seconds: 1)
            #expect(runs.isEmpty)
            runs = await events.advance(seconds: 1)  // 2 s after the first trigger
            #expect(runs.count == 1)
            #expect(runs.first?.work == ["a": [.stock, .prices], "b": [.stock, .prices]])
            runs = await events.advance(seconds: 5)
            #expect(runs.isEmpty)  // the second change made no second run

            // The run pushed the catalog as it was when it ran: S1 6, S2 50 to b.
            let sent = fixture.factory.adapter("b").stockCalls.dropFirst(stockCallsOfB).flatMap { $0 }
            #expect(Dictionary(sent.map { ($0.sku, $0.quantity) }, uniquingKeysWith: { $1 }) == ["S1": 6, "S2": 50])
            worker.stop()
            try await group.waitForAll()
        }
    }

    @Test func anOrderReservingStockOnOneChannelPushesToTheOtherAfterTheDebounce() async throws {
        let fixture = try WorkerFixture()
        let worker = try fixture.makeWorker()
        var events = WorkerEvents(worker, clock: fixture.clock)
        let start = fixture.clock.now()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            _ = try await events.nextRun()
            _ = await events.idle()
            let b = fixture.factory.adapter("b")
            let stockCallsOfB = b.stockCalls.count

            // An order on a, inside the window of a's next pull (one minute on: lag 3 min, overlap 2 min).
            fixture.factory.adapter("a").setOrders([
                ChannelOrder(id: "O-1", state: .readyToShip, rawStatus: "paid", updatedAt: start.addingTimeInterval(-150),
                             lines: [OrderLine(sku: "S1", quantity: 4, listing: "1:S1")]),
            ])
            var runs = await events.advance(seconds: 60)
            #expect(runs.map(\.work) == [["a": [.orders]]])
            #expect(runs.first?.channels.first { $0.channel == "a" }?.ordersNew == 1)
            #expect(b.stockCalls.count == stockCallsOfB)  // b was not due

            runs = await events.advance(seconds: 2)
            #expect(runs.count == 1)
            #expect(runs.first?.work == ["b": [.stock, .prices]])
            let sent = b.stockCalls.dropFirst(stockCallsOfB).flatMap { $0 }
            #expect(sent.map(\.sku) == ["S1"] && sent.first?.quantity == 6)
            worker.stop()
            try await group.waitForAll()
        }
    }

    @Test func triggersWithinTheWindowGatherIntoOneBatch() {
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        var debouncer = TriggerDebouncer(window: .seconds(2))
        debouncer.note(.sourceChanged(path: "/c.csv"), channels: ["a", "b"], at: start)
        debouncer.note(.ordersReserved(on: "a"), channels: ["b"], at: start.addingTimeInterval(1.5))
        #expect(debouncer.take(at: start.addingTimeInterval(1.9)) == nil)
        let batch = debouncer.take(at: start.addingTimeInterval(2))
        #expect(batch?.channels == ["a", "b"])
        #expect(batch?.reasons == [.sourceChanged(path: "/c.csv"), .ordersReserved(on: "a")])
        #expect(debouncer.deadline == nil)
        #expect(debouncer.take(at: start.addingTimeInterval(10)) == nil)
    }
}
