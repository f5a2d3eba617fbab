import Foundation
import MarketSync
import MarketSyncApp
import MarketSyncTesting
import Synchronization
import Testing

/// SIGHUP's reload: the next run uses the configuration and credentials read again; a configuration that no longer
/// loads is reported and the one in force stays.
@Suite struct WorkerReloadTests {
    @Test func aRotatedCredentialFileTakesEffectOnTheNextRun() async throws {
        let fixture = try WorkerFixture()
        let worker = try fixture.makeWorker()
        var events = WorkerEvents(worker, clock: fixture.clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            _ = try await events.nextRun()
            _ = await events.idle()
            #expect(Set(fixture.factory.tokens("a")) == ["a-1"])

            try fixture.write("a-2\n", to: fixture.tokenFile)
            worker.reload()
            let reloaded = await events.next { event -> Bool? in
                if case .reloaded = event { return true }
                if case .reloadFailed = event { return false }
                return nil
            }
            #expect(reloaded == true)
            _ = await events.idle()
            let before = fixture.factory.tokens("a").count
            let runs = await events.advance(seconds: 60)
            #expect(runs.count == 1)
            let after = fixture.factory.tokens("a").dropFirst(before)
            #expect(!after.isEmpty && after.allSatisfy { $0 == "a-2" })
            worker.stop()
            try await group.waitForAll()
        }
    }

    @Test func aBrokenConfigIsReportedAndTheOldOneStays() async throws {
        let fixture = try WorkerFixture()
        let worker = try fixture.makeWorker()
        var events = WorkerEvents(worker, clock: fixture.clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            _ = try await events.nextRun()
            _ = await events.idle()

            try fixture.write("channels:\n  a:\n    adapter: scripted\n    shedule: {}\n", to: fixture.configPath)
            try fixture.write("a-2\n", to: fixture.tokenFile)
            worker.reload()
            let failure = await events.next { event -> MarketSyncError? in
                if case let .reloadFailed(error) = event { return error }
                return nil
            }
            #expect(failure?.code == .config)
            _ = await events.idle()
            let before = fixture.factory.tokens("a").count
            let runs = await events.advance(seconds: 60)
            // Still on the old config: a's orders every minute, with the token read at start.
            #expect(runs.map(\.work) == [["a": [.orders]]])
            #expect(fixture.factory.tokens("a").dropFirst(before).allSatisfy { $0 == "a-1" })
            worker.stop()
            try await group.waitForAll()
        }
        #expect(worker.exitStatus == .ok)
    }
}
