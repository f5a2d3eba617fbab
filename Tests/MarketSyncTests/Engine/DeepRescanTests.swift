import Foundation
import Logging
import MarketSyncTesting
import Testing
@testable import MarketSync
import MarketSyncStore
import Synchronization

/// The periodic deep re-scan reads the last days again through the usual listing call; the store absorbs it.
@Suite struct DeepRescanTests: EngineTestSupport {
    struct Setup {
        let store: SQLiteStore
        let adapter: ScriptedAdapter
        let clock: ManualClock
        let engine: SyncEngine
        func run() async throws -> ChannelResult { try await engine.sync(reports: []).channels[0] }
    }

    func setup(_ policy: DeepRescanPolicy?, pullDeadline: Duration = .seconds(120)) async throws -> Setup {
        let store = try makeStore(), adapter = ScriptedAdapter(), clock = ManualClock(now: start)
        _ = try await store.applyImport([product("A", stock: 5)], source: "t", at: start)
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: Logger(label: "test"),
                                   deepRescan: policy.map(DeepRescanSetting.on) ?? .adapterDefault)
        return Setup(store: store, adapter: adapter, clock: clock,
                     engine: SyncEngine(store: store, runners: [runner], clock: clock, logger: Logger(label: "test"),
                                        pullDeadline: pullDeadline))
    }

    func order(_ id: String, _ state: OrderState, updated: Date) -> ChannelOrder {
        ChannelOrder(id: id, state: state, rawStatus: state.rawValue, updatedAt: updated, lines: [OrderLine(sku: "A", quantity: 1)])
    }

    @Test func aMissedOrderIsFoundByTheNextDueRescanAndAStaleCopyChangesNothing() async throws {
        let s = try await setup(DeepRescanPolicy(every: .seconds(6 * 3600), days: 1, windowsPerRun: 100))
        let t0 = start
        let current = order("KEPT", .readyToShip, updated: t0.addingTimeInterval(-20 * 60))
        s.adapter.setOrders([current])
        let first = try await s.run()
        #expect(first.ordersNew == 1)
        // The first run sets the baseline; nothing is re-read yet.
        #expect(try await s.store.deepRescan(for: "test") == DeepRescanState(lastCompletedAt: t0))
        let pullsAfterFirst = s.adapter.pulls.count

        // The listing had lost an order updated 40 minutes before the first run, and still lists an older copy of
        // the kept order (as a replica that lags behind would).
        let missed = order("MISSED", .readyToShip, updated: t0.addingTimeInterval(-40 * 60))
        let stale = order("KEPT", .pendingAcceptance, updated: t0.addingTimeInterval(-50 * 60))
        s.adapter.setOrders([current, missed, stale])

        s.clock.advance(by: .seconds(3600))
        let notDue = try await s.run()
        #expect(notDue.rescanFound == 0)
        #expect(try await s.store.order("MISSED", channel: "test") == nil)
        let pullsWhenNotDue = s.adapter.pulls.count - pullsAfterFirst
        #expect(pullsWhenNotDue == 3) // [cursor − 2 min, now − 3 min] in 30-minute windows: 62 minutes

        s.clock.advance(by: .seconds(5 * 3600))
        let due = try await s.run()
        #expect(due.rescanFound == 1)
        #expect(due.ordersNew == 1)
        #expect(try await s.store.order("MISSED", channel: "test")?.order.state == .readyToShip)
        // The stale copy was read and changed nothing: no history, no incident.
        let kept = try #require(try await s.store.order("KEPT", channel: "test"))
        #expect(kept.order == current)
        #expect(kept.history.map(\.state) == [.readyToShip])
        #expect(try await s.store.openIncidents(for: nil).isEmpty)
        // Every order once, however often it was read.
        #expect(try await s.store.orders(for: "test").map(\.order.id) == ["KEPT", "MISSED"])
        let rescanWindows = s.adapter.pulls.filter { $0.0.start < t0.addingTimeInterval(-3600) }
        #expect(!rescanWindows.isEmpty)
        #expect(rescanWindows.map(\.0.start).min() == Date(timeIntervalSince1970: (s.clock.now().timeIntervalSince1970 - 86_400).rounded(.down)))
        #expect(try await s.store.deepRescan(for: "test") == DeepRescanState(lastCompletedAt: s.clock.now()))

        // Done: the next run, an hour later, re-reads nothing.
        let before = s.adapter.pulls.count
        s.clock.advance(by: .seconds(3600))
        let after = try await s.run()
        #expect(after.rescanFound == 0)
        #expect(s.adapter.pulls.count - before == 3)
    }

    @Test func aLongPassIsSpreadOverRunsAndGoesOnWhereItStopped() async throws {
        let s = try await setup(DeepRescanPolicy(every: .seconds(3600), days: 1, windowsPerRun: 20))
        _ = try await s.run()
        s.clock.advance(by: .seconds(3600))
        let missed = order("MISSED", .shipped, updated: start.addingTimeInterval(-2 * 3600))
        s.adapter.setOrders([missed])
        let firstPart = try await s.run()
        // 20 windows of 30 minutes from now − 24 h: not yet at the order, 2 h before the first run.
        #expect(firstPart.rescanFound == 0)
        let state = try #require(try await s.store.deepRescan(for: "test"))
        let pass = try #require(state.pass)
        #expect(state.lastCompletedAt == start)
        #expect(pass.startedAt == s.clock.now())
        #expect(pass.from == s.clock.now().addingTimeInterval(-86_400))
        #expect(pass.position > pass.from && pass.position < pass.until)

        // A restart in between changes nothing: the pass is in the store.
        var found = 0
        var runs = 0
        while try await s.store.deepRescan(for: "test")?.pass != nil, runs < 5 {
            s.clock.advance(by: .seconds(300))
            found += try await s.run().rescanFound
            runs += 1
        }
        #expect(runs == 2) // 23 h 57 min in 30-minute windows overlapping by 2 minutes: 52 windows, 20 + 20 + 12
        #expect(found == 1)
        #expect(try await s.store.deepRescan(for: "test")?.lastCompletedAt == pass.startedAt)
        // The windows before the first pull's reach were read by the pass alone: from its start, with no gap.
        let rescan = s.adapter.pulls.map(\.0).filter { $0.start < start.addingTimeInterval(-3600) }.sorted { $0.start < $1.start }
        #expect(rescan.count == 48)
        #expect(rescan.first?.start == pass.from)
        #expect(zip(rescan, rescan.dropFirst()).allSatisfy { $1.start == $0.end.addingTimeInterval(-120) })
        #expect((rescan.last?.end ?? pass.from) >= start.addingTimeInterval(-3600))
    }

    @Test func aRescanCutShortByTheDeadlineDoesNotStopTheChannel() async throws {
        let s = try await setup(DeepRescanPolicy(every: .seconds(3600), days: 1), pullDeadline: .seconds(2)) // wall time: room for a loaded machine (CI runs 2 cores)
        _ = try await s.run()
        s.clock.advance(by: .seconds(3600))
        // The channel answers the recent windows at once and never answers for the old ones.
        s.adapter.hangsBefore.withLock { $0 = self.start.addingTimeInterval(-3600) }
        _ = try await s.store.applyImport([product("B", stock: 2)], source: "t", at: s.clock.now())
        let result = try await s.run()
        #expect(result.stopped == nil)
        #expect(result.status == "ok")
        // The plan was still sent: the new product's stock went out in this run.
        #expect(result.pushed > 0)
        let pass = try #require(try await s.store.deepRescan(for: "test")?.pass)
        #expect(pass.position == pass.from)
    }

    @Test func withoutAPolicyNothingIsReadAgain() async throws {
        let s = try await setup(nil)
        _ = try await s.run()
        s.clock.advance(by: .seconds(7 * 86_400))
        let pulls = s.adapter.pulls.count
        _ = try await s.run()
        #expect(try await s.store.deepRescan(for: "test") == nil)
        // Only the incremental windows (the 200-window cap of one run).
        #expect(s.adapter.pulls.count - pulls == 200)
    }
}
