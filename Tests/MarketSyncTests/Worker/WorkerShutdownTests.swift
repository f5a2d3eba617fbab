import Foundation
import MarketSync
import MarketSyncApp
import MarketSyncTesting
import Synchronization
import MarketSyncStore
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

/// Graceful shutdown through service-lifecycle: the batch in flight commits and the worker returns 0; a run that
/// outlasts `worker.shutdown_grace` is cancelled, recorded as interrupted, and the worker returns 130.
@Suite struct WorkerShutdownTests {
    /// Holds b's first stock call until released, and says when it has begun.
    struct HeldCall {
        let begun: AsyncStream<Void>
        let release: AsyncStream<Void>.Continuation

        init(_ adapter: ScriptedAdapter) {
            let (begun, begin) = AsyncStream.makeStream(of: Void.self)
            let (released, release) = AsyncStream.makeStream(of: Void.self)
            self.begun = begun
            self.release = release
            adapter.onStockCallAsync.withLock {
                $0 = {
                    begin.yield()
                    // Returns when released, or when the task is cancelled.
                    for await _ in released { break }
                }
            }
        }
    }

    @Test func aGracefulShutdownLetsTheBatchInFlightCommitThenReturnsZero() async throws {
        let fixture = try WorkerFixture()
        let worker = try fixture.makeWorker()
        let held = HeldCall(fixture.factory.adapter("b"))
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await worker.run() }
                for await _ in held.begun { break }
                trigger.triggerGracefulShutdown()
                held.release.yield()
                held.release.finish()
                try await group.waitForAll()
            }
        }
        #expect(worker.exitStatus == .ok)
        let store = try fixture.store()
        // b's batch in flight (one SKU: batches of one) was acknowledged; the other stays queued.
        #expect(try await store.acknowledgedOffers(for: "b").count == 1)
        #expect(try await store.pendingOutbox(for: "b").contains { $0.kind == .stock })
        let run = try #require(try await store.recentRuns(limit: 1).first)
        #expect(run.finishedAt != nil && run.summary?.interrupted == true)
    }

    @Test func aRunPastTheGraceIsCancelledRecordedAsInterruptedAndReturns130() async throws {
        let fixture = try WorkerFixture(grace: "30s")
        let worker = try fixture.makeWorker()
        let held = HeldCall(fixture.factory.adapter("b"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            for await _ in held.begun { break }
            let sleepers = fixture.clock.sleeperCount
            worker.stop()
            await fixture.clock.waitForSleepers(count: sleepers + 1)  // the grace timer
            fixture.clock.advance(by: .seconds(29))
            #expect(worker.exitStatus == .ok)
            fixture.clock.advance(by: .seconds(1))
            try await group.waitForAll()
        }
        #expect(worker.exitStatus == .interrupted)
        #expect(worker.exitStatus.rawValue == 130)
        let run = try #require(try await fixture.store().recentRuns(limit: 1).first)
        #expect(run.exitCode == 130)
        #expect(run.summary?.interrupted == true)
    }
}
