internal import Foundation
internal import MarketSync

/// `StatusStore` and `RunHistoryStore`: what the status endpoint and `marketsync status` read. Runs come back
/// newest first within the window and the limit, orders are counted per channel and state, and the probe reaches
/// the storage.
enum StatusChecks {
    typealias D = ConformanceData

    static let all: [StoreConformanceCheck] = [
        StoreConformanceCheck(role: .status, name: "recent runs, newest first, within the window and the limit", needs: [.runs]) { underTest in
            let store = try role(underTest.store, (any StatusStore).self)
            let runs = try role(underTest.store, (any RunStore).self)
            var p = ConformanceProblems()
            p.expectEqual(try await store.recentRuns(since: D.at(-1_000), limit: 10), [], "runs in an empty store")
            let first = try await runs.beginRun(mode: "sync", at: D.at(0))
            let second = try await runs.beginRun(mode: "worker", at: D.at(10))
            let third = try await runs.beginRun(mode: "replay", at: D.at(20))
            try await runs.finishRun(first, summaryJSON: #"{"dryRun":false}"#, exitCode: 3, at: D.at(5))
            p.expectEqual(try await store.recentRuns(since: D.at(10), limit: 10).map(\.id), [third, second], "runs since the second began")
            p.expectEqual(try await store.recentRuns(since: D.at(0), limit: 2).map(\.id), [third, second], "the newest two")
            p.expectEqual(try await store.recentRuns(since: D.at(0), limit: 0), [], "a limit of none")
            p.expectEqual(try await store.recentRuns(since: D.at(21), limit: 10), [], "nothing began after the last")
            let all = try await store.recentRuns(since: D.at(0), limit: 10)
            p.expectEqual(all.last, RecordedRun(id: first, mode: "sync", startedAt: D.at(0), finishedAt: D.at(5), exitCode: 3,
                                                summaryJSON: #"{"dryRun":false}"#), "the finished run, as recorded")
            p.expectEqual(all.first, RecordedRun(id: third, mode: "replay", startedAt: D.at(20), finishedAt: nil, exitCode: nil,
                                                 summaryJSON: nil), "a run under way")
            return p.list
        },
        StoreConformanceCheck(role: .status, name: "orders counted by channel and state", needs: [.orders, .catalog]) { underTest in
            let store = try role(underTest.store, (any StatusStore).self)
            let orders = try role(underTest.store, (any OrderStore).self)
            let catalog = try role(underTest.store, (any CatalogStore).self)
            var p = ConformanceProblems()
            p.expectEqual(try await store.orderStateCounts(), [], "an empty store")
            _ = try await catalog.applyImport([D.product("SKU-A")], source: "a.csv", at: D.at(0))
            _ = try await orders.storeOrders([D.order("O-1", .readyToShip, updated: 1), D.order("O-2", .readyToShip, updated: 2),
                                              D.order("O-3", .shipped, updated: 3)], channel: D.channel, cursor: D.at(10), at: D.at(10))
            _ = try await orders.storeOrders([D.order("O-1", .cancelled, updated: 1)], channel: D.other, cursor: D.at(10), at: D.at(10))
            p.expectEqual(try await store.orderStateCounts(), [
                OrderStateCount(channel: D.channel, state: OrderState.readyToShip.rawValue, count: 2),
                OrderStateCount(channel: D.channel, state: OrderState.shipped.rawValue, count: 1),
                OrderStateCount(channel: D.other, state: OrderState.cancelled.rawValue, count: 1),
            ].sorted { ($0.channel.rawValue, $0.state) < ($1.channel.rawValue, $1.state) }, "counts by channel, then state")
            return p.list
        },
        StoreConformanceCheck(role: .status, name: "the probe reaches the storage") { underTest in
            let store = try role(underTest.store, (any StatusStore).self)
            var p = ConformanceProblems()
            do {
                try await store.probe()
            } catch {
                p.fail("the probe of a working store threw \(error)")
            }
            return p.list
        },
        StoreConformanceCheck(role: .runHistory, name: "runs newest first, with their summaries", needs: [.runs]) { underTest in
            let store = try role(underTest.store, (any RunHistoryStore).self)
            let runs = try role(underTest.store, (any RunStore).self)
            var p = ConformanceProblems()
            p.expectEqual(try await store.recentRuns(limit: 10), [], "runs in an empty store")
            var summary = RunSummary(runID: nil, dryRun: false, imported: ImportCounts(inserted: 2), rejectedRows: [],
                                     channels: [ChannelResult(channel: D.channel)])
            summary.work = [D.channel.rawValue: []]
            let first = try await runs.beginRun(mode: "sync", at: D.at(0))
            let second = try await runs.beginRun(mode: "worker", at: D.at(10))
            let third = try await runs.beginRun(mode: "sync", at: D.at(20))
            try await runs.finishRun(first, summaryJSON: String(decoding: try JSONEncoder.summary.encode(summary), as: UTF8.self),
                                     exitCode: 0, at: D.at(5))
            try await runs.finishRun(second, summaryJSON: "not json", exitCode: 2, at: D.at(15))
            let read = try await store.recentRuns(limit: 10)
            p.expectEqual(read.map(\.id), [third, second, first], "newest first")
            p.expectEqual(read.last, StoredRun(id: first, mode: "sync", startedAt: D.at(0), finishedAt: D.at(5), exitCode: 0, summary: summary),
                          "a finished run with its summary")
            p.expectEqual(read.dropFirst().first, StoredRun(id: second, mode: "worker", startedAt: D.at(10), finishedAt: D.at(15), exitCode: 2,
                                                            summary: nil), "a summary that does not read")
            p.expectEqual(read.first, StoredRun(id: third, mode: "sync", startedAt: D.at(20), finishedAt: nil, exitCode: nil, summary: nil),
                          "a run under way")
            p.expectEqual(try await store.recentRuns(limit: 1).map(\.id), [third], "a limit of one")
            p.expectEqual(try await store.recentRuns(limit: 0), [], "a limit of none")
            return p.list
        },
    ]
}
