import Foundation
import Logging
import MarketSyncApp
import Testing
@testable import MarketSync
import MarketSyncStore

/// What a run says about the order life cycle: an illegal state change is held back and waits for a person, and
/// answers queued and lines refused are in the summary a person reads and the JSON a script reads.
@Suite struct OrderLifecycleRunTests: EngineTestSupport {
    @Test func anIllegalStateChangeIsHeldBackAndShownInTheSummaryAndIncidents() async throws {
        let store = try makeStore(), adapter = ScriptedAdapter(), clock = SteppingClock(now: start)
        _ = try await store.applyImport([product("A", stock: 5)], source: "t", at: start)
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: Logger(label: "test"))
        let engine = SyncEngine(store: store, runners: [runner], clock: clock, logger: Logger(label: "test"))
        let shipped = ChannelOrder(id: "O-1", state: .shipped, rawStatus: "order_status=2", updatedAt: start.addingTimeInterval(-600),
                                   lines: [OrderLine(sku: "A", quantity: 2)])
        adapter.setOrders([shipped])
        #expect(try await engine.sync(reports: []).exitStatus == .ok)

        clock.advance(seconds: 600)
        let backwards = ChannelOrder(id: "O-1", state: .awaitingPayment, rawStatus: "confirm_status=0",
                                     updatedAt: start.addingTimeInterval(60), lines: [OrderLine(sku: "A", quantity: 2)])
        adapter.setOrders([backwards])
        let summary = try await engine.sync(reports: [])
        let result = summary.channels[0]
        #expect(result.illegalTransitions == 1)
        #expect(result.ordersUpdated == 0)
        #expect(result.waiting == WaitingWork(incidents: 1))
        #expect(summary.exitStatus == .attention)
        // The shipped order reserves nothing, and the held-back copy did not make it reserve again.
        #expect(adapter.stockCalls.flatMap { $0 }.map(\.quantity) == [5])
        #expect(try await store.order("O-1", channel: "test")?.order.state == .shipped)

        let table = SummaryFormatter.table(summary)
        #expect(table.contains("test: 1 illegal order state changes held back (new incidents)"))
        #expect(table.contains("1 order incidents (marketsync incidents)"))
        let incident = try #require(try await store.openIncidents(for: "test").first)
        #expect(incident.kind == "illegal_transition")
        #expect(incident.detail == "order: shipped → awaitingPayment (raw status \"confirm_status=0\"); copy not applied, the order stays shipped")

        let json = try JSONEncoder.summary.encode(summary)
        let channel = try #require(((try JSONSerialization.jsonObject(with: json) as? [String: Any])?["channels"] as? [[String: Any]])?.first)
        #expect(channel["illegal_transitions"] as? Int == 1)
        #expect(try JSONDecoder().decode(RunSummary.self, from: json).channels[0].illegalTransitions == 1)
    }

    @Test func answersAndRefusalsAreInTheSummary() throws {
        var result = ChannelResult(channel: "mirakl")
        result.answersQueued = 3
        result.linesRefused = 1
        result.ordersAnswered = 3
        result.rescanFound = 2
        let summary = RunSummary(runID: 1, dryRun: false, imported: ImportCounts(), rejectedRows: [], channels: [result])
        let table = SummaryFormatter.table(summary)
        #expect(table.contains("mirakl: 3 new orders answered, 1 line refused (sent: 3)"))
        #expect(table.contains("mirakl: deep re-scan found 2 orders the incremental pulls missed"))
        let decoded = try JSONDecoder().decode(RunSummary.self, from: JSONEncoder.summary.encode(summary)).channels[0]
        #expect(decoded.answersQueued == 3 && decoded.linesRefused == 1 && decoded.rescanFound == 2)
    }
}
