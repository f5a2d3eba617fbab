import Foundation
import Hummingbird
import NIOCore
import HummingbirdTesting
import MarketSync
import MarketSyncHTTP
import MarketSyncTesting
import Testing

/// Every route of the worker's endpoint through Hummingbird's test client, over a real SQLite store that a real
/// engine run against the Epinduo sandbox filled.
@Suite("Status endpoint routes")
struct StatusEndpointTests {
    func get(_ wiring: StatusWiring, _ path: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:],
             body: String? = nil) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: String) {
        try await wiring.endpoint.application().test(.router) { client in
            try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
                (response.status, response.headers, String(buffer: response.body))
            }
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(text.utf8))
    }

    @Test func healthzAnswersWhileTheProcessRuns() async throws {
        let wiring = try StatusWiring()
        let answer = try await get(wiring, "/healthz")
        #expect(answer.status == .ok)
        #expect(answer.body == "ok\n")
    }

    @Test func anUnknownPathIs404AndAnotherMethodIs405() async throws {
        let wiring = try StatusWiring()
        #expect(try await get(wiring, "/nowhere").status == .notFound)
        #expect(try await get(wiring, "/api/status/../../etc/passwd").status == .notFound)
        for path in ["/metrics", "/api/status", "/", "/readyz", "/healthz"] {
            let answer = try await get(wiring, path, method: .post, body: "{}")
            #expect(answer.status == .methodNotAllowed, "\(path)")
            #expect(answer.headers[.allow] == "GET")
        }
        #expect(try await get(wiring, "/metrics", method: .delete).status == .methodNotAllowed)
    }

    @Test func aBodyOverTheLimitIsRefusedBeforeAnyRoute() async throws {
        let wiring = try StatusWiring()
        let answer = try await get(wiring, "/healthz", headers: [.contentLength: "100000"], body: String(repeating: "x", count: 100_000))
        #expect(answer.status == .contentTooLarge)
        #expect(answer.body.contains("over 4096 bytes"))
    }

    @Test func readyBeforeTheFirstRunAndAfterACleanOne() async throws {
        let wiring = try StatusWiring()
        let before = try await get(wiring, "/readyz")
        #expect(before.status == .ok)
        #expect(try decode(Readiness.self, before.body).channels == ["epinduo": "none"])
        try await wiring.importCatalog()
        let summary = try await wiring.sync()
        #expect(summary.channels[0].status == "ok")
        let after = try await get(wiring, "/readyz")
        #expect(after.status == .ok)
        let readiness = try decode(Readiness.self, after.body)
        #expect(readiness.ready && readiness.reason == nil && readiness.channels == ["epinduo": "ok"])
    }

    @Test func notReadyWhileTheStoreFileIsUnreadableAndReadyAgainOnceItIsBack() async throws {
        let wiring = try StatusWiring()
        try await wiring.importCatalog()
        try await wiring.sync()
        #expect(try await get(wiring, "/readyz").status == .ok)
        let unreadable = try StoreFileBreakage(path: wiring.storePath)
        try unreadable.apply()
        let down = try await get(wiring, "/readyz")
        #expect(down.status == .serviceUnavailable)
        let readiness = try decode(Readiness.self, down.body)
        #expect(readiness.ready == false)
        #expect(readiness.reason?.hasPrefix("store unreachable: ") == true, "\(readiness.reason ?? "")")
        #expect(readiness.reason?.contains(wiring.storePath) == true)
        let status = try await get(wiring, "/api/status")
        #expect(status.status == .serviceUnavailable)
        #expect(status.body.contains("cannot read the store"))
        let metrics = try await get(wiring, "/metrics")
        #expect(metrics.status == .ok)
        #expect(metrics.body.contains("marketsync_store_up 0"))
        try unreadable.restore()
        #expect(try await get(wiring, "/readyz").status == .ok)
    }

    @Test func notReadyWhenEveryChannelStoppedOnRejectedCredentials() async throws {
        let wiring = try StatusWiring(secret: "not-the-secret")
        try await wiring.importCatalog()
        let summary = try await wiring.sync()
        #expect(summary.channels[0].status == "credentials_rejected")
        let answer = try await get(wiring, "/readyz")
        #expect(answer.status == .serviceUnavailable)
        let readiness = try decode(Readiness.self, answer.body)
        #expect(readiness.reason == "every channel's last run failed: epinduo credentials_rejected")
        let metrics = try await get(wiring, "/metrics").body
        #expect(metrics.contains(#"marketsync_credentials_rejected_total{channel="epinduo"} 1"#), "\(metrics)")
        // Secrets never reach the answers.
        for path in ["/readyz", "/api/status", "/metrics"] {
            let body = try await get(wiring, path).body
            #expect(!body.contains("not-the-secret") && !body.contains(StatusWiring.secret), "\(path)")
        }
    }

    @Test func notReadyWhenEveryChannelsLastRunFailedAndReadyOnceOneRunsClean() async throws {
        let wiring = try StatusWiring()
        try await wiring.importCatalog()
        wiring.rejectJamStock()
        #expect(try await wiring.sync().channels[0].status == "failed")
        let down = try await get(wiring, "/readyz")
        #expect(down.status == .serviceUnavailable)
        #expect(try decode(Readiness.self, down.body).reason == "every channel's last run failed: epinduo failed")
        // The parked item is not sent again; the next run has nothing to fail on. Pulling makes it take part.
        wiring.clock.advance(by: .seconds(600))
        #expect(try await wiring.sync().channels[0].status == "ok")
        #expect(try await get(wiring, "/readyz").status == .ok)
    }

    @Test func metricsHoldTheEngineCountersAfterARealRun() async throws {
        let wiring = try StatusWiring()
        try await wiring.importCatalog()
        wiring.addOrder("O-1", minutesAgo: 20)
        wiring.rejectJamStock()
        try await wiring.sync()
        let answer = try await get(wiring, "/metrics")
        #expect(answer.status == .ok)
        #expect(answer.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
        let text = answer.body
        let expected = [
            #"marketsync_pushes_total{channel="epinduo",kind="stock"} 1"#,
            #"marketsync_pushes_total{channel="epinduo",kind="price"} 2"#,
            #"marketsync_push_failures_total{channel="epinduo",kind="stock",code="validation"} 1"#,
            #"marketsync_orders_stored_total{channel="epinduo",change="new"} 1"#,
            #"marketsync_channel_request_duration_seconds_count{channel="epinduo",operation="push_stock"}"#,
            #"marketsync_channel_request_duration_seconds_bucket{channel="epinduo",operation="pull_orders",le="0.005"}"#,
            #"marketsync_outbox_pending{channel="epinduo"} 0"#,
            #"marketsync_submissions_waiting{channel="epinduo"} 0"#,
            #"marketsync_waiting_work{channel="epinduo",kind="parked_items"} 1"#,
            #"marketsync_orders{channel="epinduo",state="readyToShip"} 1"#,
            #"marketsync_orders{channel="epinduo",state="cancelled"} 0"#,
            "marketsync_store_up 1",
        ]
        for line in expected { #expect(text.contains(line), "missing \(line) in:\n\(text)") }
        // The run failed an item: no last success yet. A clean run sets it to the run's time.
        #expect(!text.contains("marketsync_last_success_timestamp_seconds"))
        wiring.clock.advance(by: .seconds(600))
        try await wiring.sync()
        let later = try await get(wiring, "/metrics").body
        #expect(later.contains(#"marketsync_last_success_timestamp_seconds{channel="epinduo"} \#(Int(StatusWiring.start.timeIntervalSince1970) + 600)"#),
                "\(later)")
    }

    @Test func apiStatusGivesRunsFailuresWaitingWorkOrdersAndTheHourlySeries() async throws {
        let wiring = try StatusWiring()
        try await wiring.importCatalog()
        wiring.addOrder("O-1", minutesAgo: 20)
        wiring.rejectJamStock()
        try await wiring.sync()
        let answer = try await get(wiring, "/api/status")
        #expect(answer.status == .ok)
        #expect(answer.headers[.contentType] == "application/json; charset=utf-8")
        let report = try decode(StatusReport.self, answer.body)
        let channel = try #require(report.channels.first)
        #expect(report.channels.count == 1 && channel.channel == "epinduo")
        #expect(channel.status == "failed")
        #expect(channel.pushed24h == 3 && channel.failed24h == 1)
        #expect(channel.runs.count == 1)
        #expect(channel.runs.first?.pushed == 3 && channel.runs.first?.failed == 1 && channel.runs.first?.ordersNew == 1)
        #expect(channel.runs.first?.exitCode == 1)
        let failure = try #require(channel.failures.first)
        #expect(failure.sku == "JAM" && failure.kind == "stock" && failure.code == "validation")
        #expect(failure.message.contains("goods under review"))
        #expect(channel.waiting == WaitingWork(heldPrices: 0, parkedItems: 1, incidents: 0))
        #expect(channel.orders == ["readyToShip": 1])
        #expect(channel.lastSuccessAt == nil)
        #expect(report.readiness.ready == false)
        #expect(report.hours.count == 24)
        #expect(report.hours.last?.pushed == 3 && report.hours.last?.failed == 1)
        #expect(report.hours.dropLast().allSatisfy { $0.pushed == 0 && $0.failed == 0 })
        #expect(report.hours.last.map { $0.hour <= StatusWiring.start && StatusWiring.start.timeIntervalSince($0.hour) < 3600 } == true)
    }

    @Test func theStatusPageIsOneSelfContainedDocument() async throws {
        let wiring = try StatusWiring()
        let answer = try await get(wiring, "/")
        #expect(answer.status == .ok)
        #expect(answer.headers[.contentType] == "text/html; charset=utf-8")
        #expect(answer.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
        #expect(answer.body.contains(#"<svg id="chart""#))
        #expect(answer.body.contains(#"fetch("/api/status""#))
        // Nothing from elsewhere: no external script, style sheet or font.
        #expect(!answer.body.contains("http://") || answer.body.components(separatedBy: "http://").count == 2) // the SVG namespace only
        #expect(!answer.body.contains("https://") && !answer.body.contains("<link"))
    }
}
