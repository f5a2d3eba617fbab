import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncTesting
import Synchronization
import MarketSyncStore
import Testing

/// Each channel's stock, prices and orders on their own intervals, on the manual clock, through the real worker
/// loop, engine and store.
@Suite struct WorkerScheduleTests {
    @Test func eachKindRunsOnItsOwnInterval() async throws {
        let fixture = try WorkerFixture()
        let worker = try fixture.makeWorker()
        var events = WorkerEvents(worker, clock: fixture.clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            let first = try await events.nextRun()
            #expect(first.work == ["a": Set(WorkKind.allCases), "b": Set(WorkKind.allCases)])
            _ = await events.idle()
            let pullsOfB = fixture.factory.adapter("b").pulls.count

            // One minute on: a's orders alone (a pull, and no stock or price sent).
            let stockCallsOfA = fixture.factory.adapter("a").stockCalls.count
            var runs = await events.advance(seconds: 60)
            #expect(runs.count == 1)
            #expect(runs.first?.work == ["a": [.orders]])
            #expect(fixture.factory.adapter("a").stockCalls.count == stockCallsOfA)
            #expect(fixture.factory.adapter("b").pulls.count == pullsOfB)

            // At 5 minutes b is due for everything, together with a's orders.
            runs = await events.advance(seconds: 240)
            #expect(runs.map(\.work).contains(["a": [.orders], "b": [.stock, .prices, .orders]]))
            #expect(runs.count == 4)  // a's orders at 2, 3, 4 and 5 minutes

            // At 10 minutes a's stock and prices come due again.
            runs = await events.advance(seconds: 300)
            #expect(runs.last?.work?["a"] == [.stock, .prices, .orders])
            worker.stop()
            try await group.waitForAll()
        }
        #expect(worker.exitStatus == .ok)
    }

    @Test func theScheduleIsAValueTypeTheWorkerAsks() throws {
        let fixture = try WorkerFixture()
        let configuration = try fixture.setup.load()
        let start = fixture.clock.now()
        var schedule = WorkerSchedule(configuration, defaultInterval: .seconds(300), start: start)
        #expect(schedule.dueWork(at: start) == ["a": Set(WorkKind.allCases), "b": Set(WorkKind.allCases)])
        schedule.ran(schedule.dueWork(at: start), at: start)
        #expect(schedule.dueWork(at: start.addingTimeInterval(59)).isEmpty)
        #expect(schedule.dueWork(at: start.addingTimeInterval(60)) == ["a": [.orders]])
        #expect(schedule.nextDue == start.addingTimeInterval(60))
        #expect(schedule.nextDue("a", .stock) == start.addingTimeInterval(600))
        #expect(schedule.nextDue("b", .orders) == start.addingTimeInterval(300))
    }
}
