import Foundation
import MarketSync
import MarketSyncApp
import MarketSyncStore
import MarketSyncTesting
import Testing

/// `marketsync status`: per channel the runs that covered it, read from the runs table; `--check` judges them.
@Suite struct StatusReportTests {
    @Test func statusShowsEachChannelsRunsAndTheCheckJudgesTheirAge() async throws {
        let fixture = try WorkerFixture()
        let worker = try fixture.makeWorker()
        var events = WorkerEvents(worker, clock: fixture.clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            _ = try await events.nextRun()
            _ = await events.idle()
            _ = await events.advance(seconds: 60)  // a's orders alone
            worker.stop()
            try await group.waitForAll()
        }
        let configuration = try fixture.setup.load()
        let store = try fixture.store()
        let now = fixture.clock.now()
        let report = try await StatusReport.read(configuration, store: store, at: now)
        let a = try #require(report.channels.first { $0.channel == "a" })
        let b = try #require(report.channels.first { $0.channel == "b" })
        #expect(a.lastRuns.map(\.work) == [[.orders], [.stock, .prices, .orders]])
        #expect(b.lastRuns.count == 1)  // the orders-only run of a did not cover b
        #expect(b.lastRuns.first?.pushed == 4 && b.lastRuns.first?.status == "ok")
        #expect(a.intervalSeconds == 60 && b.intervalSeconds == 300)
        #expect(StatusCheck(report).healthy)

        // 3 × a's one minute later, a is stale; b (5 minutes) is not yet.
        let later = try await StatusReport.read(configuration, store: store, at: now.addingTimeInterval(181))
        let verdict = StatusCheck(later)
        #expect(!verdict.healthy)
        #expect(verdict.line.hasPrefix("MARKETSYNC CRITICAL - a: last run 2 finished 3m ago, limit 3m"))
        #expect(!verdict.line.contains("b:"))

        let json = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect((object["channels"] as? [[String: Any]])?.first?["last_runs"] != nil)
    }
}
