import Foundation
import Logging
import Testing
@testable import MarketSync
import MarketSyncStore
import Synchronization

/// What a run tells a person and a script: standing problems stay visible on every later run, channel-level
/// failures are named as such, and every failure carries its code into the JSON.
@Suite struct RunOutcomeTests: EngineTestSupport {
    func engine(_ adapter: ScriptedAdapter, _ store: SQLiteStore, shutdown: ShutdownSignal = ShutdownSignal()) -> SyncEngine {
        let clock = SteppingClock(now: start)
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: Logger(label: "test"),
                                   retry: RetryPolicy(maxAttempts: 2, initialDelay: .seconds(1)), shutdown: shutdown)
        return SyncEngine(store: store, runners: [runner], clock: clock, logger: Logger(label: "test"), shutdown: shutdown)
    }

    @Test func aParkedItemKeepsEveryLaterRunFromSayingOK() async throws {
        let store = try makeStore(), adapter = ScriptedAdapter()
        _ = try await store.applyImport([product("A", stock: 1)], source: "t", at: start)
        adapter.script(.failItems(["A": MarketSyncError(.validation, "goods under review", key: "sub_code", channelRequestID: "req-42")]))
        let first = try await engine(adapter, store).sync(reports: [])
        #expect(first.exitStatus == .failures)
        let failure = try #require(first.channels[0].errors.first)
        #expect(failure == ItemFailure(sku: "A", kind: "stock", code: .validation, message: "goods under review", channelRequestID: "req-42"))
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder.summary.encode(first)) as? [String: Any])
        let channel = try #require((json["channels"] as? [[String: Any]])?.first)
        let error = try #require((channel["errors"] as? [[String: Any]])?.first)
        #expect(Set(error.keys) == ["sku", "kind", "code", "message", "channel_request_id"])
        #expect(error["code"] as? String == "validation" && error["channel_request_id"] as? String == "req-42")
        #expect(json["exit_code"] as? Int == 1)

        // Nothing new fails on the next run, but the parked item still waits for a person: not "ok", exit 3.
        let second = try await engine(adapter, store).sync(reports: [])
        #expect(second.channels[0].failed == 0)
        #expect(second.channels[0].waiting == WaitingWork(parkedItems: 1))
        #expect(second.exitStatus == .attention)
        #expect(second.exitCode == 3)
    }

    @Test func rejectedCredentialsAreNamedNotCountedAsItemFailures() async throws {
        let store = try makeStore(), adapter = ScriptedAdapter()
        _ = try await store.applyImport([product("A", stock: 1), product("B", stock: 2)], source: "t", at: start)
        adapter.script(.fail(MarketSyncError(.unauthorized, "access_token expired")))
        let summary = try await engine(adapter, store).sync(reports: [])
        let result = summary.channels[0]
        #expect(result.failed == 0)
        #expect(result.status == "credentials_rejected")
        #expect(result.stopped?.credentialsRejected == true)
        #expect(summary.exitStatus == .channelDown && summary.exitCode == 4)
        #expect(try await store.pendingOutbox(for: "test").count == 4) // everything waits for a working token
    }

    @Test func aShutdownMarksTheRunInterrupted() async throws {
        let store = try makeStore(), adapter = ScriptedAdapter()
        _ = try await store.applyImport((0..<4).map { product(SKU("S\($0)"), stock: 1) }, source: "t", at: start)
        let shutdown = ShutdownSignal()
        adapter.onStockCall.withLock { $0 = { shutdown.request() } }
        let summary = try await engine(adapter, store, shutdown: shutdown).sync(reports: [])
        #expect(summary.interrupted)
        #expect(summary.exitCode == 130)
        #expect(summary.channels[0].pushed == 1)
    }

    @Test func progressSaysDoneTotalRateAndTimeLeftOnATimer() {
        var progress = SendProgress(total: 20_000, start: start, interval: 10)
        let logger = Logger(label: "test")
        #expect(progress.advance(by: 100, now: start + 5, logger: logger, channel: "test") == nil)
        // 200 in 10 s: 20 a second, 19,800 left, about 16.5 minutes.
        #expect(progress.advance(by: 100, now: start + 10, logger: logger, channel: "test") == "200/20000 sent, 20/s, about 16m 30s left")
        #expect(progress.advance(by: 20, now: start + 11, logger: logger, channel: "test") == nil)
    }
}
