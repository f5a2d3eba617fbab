import Foundation
import Logging
import Testing
@testable import MarketSync
import MarketSyncApp
import MarketSyncStore
import Synchronization

/// Each push is logged with its channel, SKU, version, run id and request id, and the adapter's own calls run with
/// the same ids in `LogContext`; `JSONLogHandler` writes them as one JSON object a line.
@Suite struct RunLogTests: EngineTestSupport {
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var objects: [[String: Any]] {
            lines.withLock { $0 }.compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            }
        }
        var all: [String] { lines.withLock { $0 } }
    }

    func logger(_ lines: Lines) -> Logger {
        var logger = Logger(label: "marketsync") { label in
            JSONLogHandler(label: label, metadataProvider: LogContext.metadataProvider) { lines.append($0) }
        }
        logger.logLevel = .debug
        return logger
    }

    @Test func everyPushLineNamesChannelSKUVersionRunAndRequest() async throws {
        let store = try makeStore(), adapter = ScriptedAdapter(), clock = SteppingClock(now: start), lines = Lines()
        _ = try await store.applyImport([product("A", stock: 5), product("B", stock: 2)], source: "t", at: start)
        let runner = ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: logger(lines),
                                   retry: RetryPolicy(maxAttempts: 2, initialDelay: .seconds(1), maxDelay: .seconds(2)))
        let summary = try await SyncEngine(store: store, runners: [runner], clock: clock, logger: logger(lines)).sync(reports: [])
        let runID = try #require(summary.runID)

        #expect(lines.all.allSatisfy { $0.hasSuffix("\n") && $0.dropLast().allSatisfy { $0 != "\n" } })
        let pushed = lines.objects.filter { $0["msg"] as? String == "pushed" }
        // Two stock lines (batches of one) and two prices.
        #expect(pushed.count == 4)
        for line in pushed {
            #expect(line["sync.channel"] as? String == "test")
            #expect(["A", "B"].contains(line["sync.sku"] as? String))
            #expect(line["sync.version"] as? String != nil)
            #expect(line["sync.run_id"] as? String == "\(runID)")
            #expect((line["sync.request_id"] as? String)?.hasPrefix("test/\(runID)/") == true)
            #expect(line["level"] as? String == "debug")
            #expect((line["ts"] as? String)?.hasSuffix("Z") == true)
        }
        // The adapter was called inside the same request ids the lines name.
        let seen = adapter.stockRequestIDs.compactMap { $0 }
        #expect(seen.count == adapter.stockCalls.count)
        let stockLines = Set(pushed.filter { $0["sync.kind"] as? String == "stock" }.compactMap { $0["sync.request_id"] as? String })
        #expect(stockLines == Set(seen))
        // Outside a run nothing is added.
        #expect(LogContext.runID == nil && LogContext.requestID == nil)
    }

    @Test func jsonLinesEscapeAndKeepNestedMetadata() throws {
        let lines = Lines()
        var logger = logger(lines)
        logger[metadataKey: "fixed"] = "yes"
        logger.warning("a \"quoted\"\nline", metadata: ["list": ["a", "b"], "map": ["k": "v"]])
        let object = try #require(lines.objects.first)
        #expect(object["msg"] as? String == "a \"quoted\"\nline")
        #expect(object["fixed"] as? String == "yes")
        #expect(object["list"] as? [String] == ["a", "b"])
        #expect((object["map"] as? [String: String])?["k"] == "v")
        #expect(object["label"] as? String == "marketsync")
        #expect(lines.all.count == 1)
    }
}
