import Foundation
import MarketSync
@testable import MarketSyncConfig
import MarketSyncHTTP
import Prometheus
import Testing

/// The endpoint's rules without a server: readiness, the hourly series, the listen address and its config key.
@Suite("Status endpoint rules")
struct StatusRulesTests {
    @Test(arguments: [
        ([], true),
        ([("a", nil)], true),
        ([("a", "ok")], true),
        ([("a", "failed")], false),
        ([("a", "credentials_rejected")], false),
        ([("a", "unreachable")], false),
        ([("a", "stopped")], false),
        ([("a", "skipped")], true),
        ([("a", "interrupted")], true),
        ([("a", "failed"), ("b", "credentials_rejected")], false),
        ([("a", "failed"), ("b", "ok")], true),
        ([("a", "failed"), ("b", nil)], true),
    ] as [([(String, String?)], Bool)])
    func readinessIsLostOnlyWhenEveryChannelsLastRunFailed(_ statuses: [(String, String?)], ready: Bool) {
        let readiness = Readiness.judge(lastStatus: statuses.map { (ChannelID($0.0), $0.1) })
        #expect(readiness.ready == ready)
        #expect((readiness.reason == nil) == ready)
        #expect(readiness.channels.count == statuses.count)
    }

    @Test func theSeriesHas24HoursEndingWithTheCurrentOne() throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-11-28T10:42:00Z"))
        var series = HourlySeries(endingAt: now)
        #expect(series.buckets.count == 24)
        #expect(series.buckets.last?.hour == ISO8601DateFormatter().date(from: "2026-11-28T10:00:00Z"))
        #expect(series.start == ISO8601DateFormatter().date(from: "2026-11-27T11:00:00Z"))
        series.add(at: now, pushed: 3, failed: 1)
        series.add(at: now.addingTimeInterval(-42 * 60), pushed: 2, failed: 0)        // 10:00 exactly: this hour
        series.add(at: now.addingTimeInterval(-42 * 60 - 1), pushed: 5, failed: 5)    // 09:59:59: the hour before
        series.add(at: series.start.addingTimeInterval(-1), pushed: 100, failed: 100) // before the first hour: left out
        series.add(at: now.addingTimeInterval(3600), pushed: 100, failed: 100)        // the next hour: left out
        #expect(series.buckets[23].pushed == 5 && series.buckets[23].failed == 1)
        #expect(series.buckets[22].pushed == 5 && series.buckets[22].failed == 5)
        #expect(series.buckets.reduce(0) { $0 + $1.pushed } == 10)
    }

    @Test(arguments: [
        ("127.0.0.1:9464", "127.0.0.1", 9464), ("0.0.0.0:80", "0.0.0.0", 80), (":9000", "127.0.0.1", 9000),
        ("9000", "127.0.0.1", 9000), ("[::1]:9464", "::1", 9464), ("localhost:0", "localhost", 0),
    ])
    func listenAddressesParse(_ text: String, host: String, port: Int) {
        #expect(HTTPListenAddress(parsing: text) == HTTPListenAddress(host: host, port: port))
    }

    @Test(arguments: ["", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:http", "host:9 9"])
    func badListenAddressesDoNotParse(_ text: String) {
        #expect(HTTPListenAddress(parsing: text) == nil)
    }

    let env = ["EP_ID": "client", "EP_SECRET": "secret", "EP_TOKEN": "token"]

    func config(worker: String) -> String {
        """
        rates:
          CNY: "0.0825"
        channels:
          epinduo:
            adapter: epinduo
            endpoint: http://127.0.0.1:8931/api/router
            credentials: {client_id: EP_ID, client_secret: EP_SECRET, access_token: EP_TOKEN}
        worker:
        \(worker)
        """
    }

    @Test func theWorkerHTTPKeyIsReadAndABadOneNamed() throws {
        let loaded = try ConfigLoader(environment: env).parse(config(worker: "  interval: 1m\n  http: 127.0.0.1:9464"), file: "/etc/ms/m.yaml")
        #expect(loaded.worker.http == HTTPListenAddress(host: "127.0.0.1", port: 9464))
        let without = try ConfigLoader(environment: env).parse(config(worker: "  interval: 1m"), file: "/etc/ms/m.yaml")
        #expect(without.worker.http == nil)
        do {
            _ = try ConfigLoader(environment: env).parse(config(worker: "  http: everywhere"), file: "/etc/ms/m.yaml")
            Issue.record("a bad worker.http was accepted")
        } catch let error as MarketSyncError {
            #expect(error.description.contains("worker.http"), "\(error)")
            #expect(error.description.contains("HOST:PORT"), "\(error)")
        }
    }

    @Test func theProcessRegistryIsBootstrappedOnceAndTheEngineDefaultsToIt() {
        let registry = PrometheusBootstrap.registry()
        #expect(PrometheusBootstrap.registry() === registry)
        // What the worker's runners get when built after the bootstrap: counters in the endpoint's registry.
        EngineMetrics().pushed(2, kind: .price, channel: "bootstrap-check")
        EngineMetrics().pushed(1, kind: .price, channel: "bootstrap-check")
        #expect(registry.emitToString().contains(#"marketsync_pushes_total{channel="bootstrap-check",kind="price"} 3"#))
    }
}
