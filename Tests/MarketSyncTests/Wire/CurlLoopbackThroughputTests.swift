import Foundation
import MarketSync
@testable import MarketSyncSandbox
@testable import MarketSyncWire
import Testing

/// Throughput of curl → loopback server over keep-alive. Off by default; run with
/// `MARKETSYNC_BENCH=100000 swift test -c release -Xswiftc -enable-testing --filter Throughput`.
@Suite("Curl loopback throughput", .timeLimit(.minutes(2)))
struct CurlLoopbackThroughputTests {
    static let requestCount = ProcessInfo.processInfo.environment["MARKETSYNC_BENCH"].flatMap { Int($0) }
    /// Transfers at once (`MARKETSYNC_BENCH_THREADS`, default 4); twice as many requests are kept in flight.
    static let threads = ProcessInfo.processInfo.environment["MARKETSYNC_BENCH_THREADS"].flatMap { Int($0) } ?? 4

    @Test(.enabled(if: requestCount != nil))
    func keepAliveThroughput() async throws {
        let total = Self.requestCount ?? 0
        let body = Data(#"{"ok":true}"#.utf8)
        let seconds = try await withLoopbackServer({ _ in
            WireResponse(status: 200, headers: [HeaderField("Content-Type", "application/json")], body: body)
        }) { server, port in
            let transport = CurlTransport(options: .init(maxConcurrentTransfers: Self.threads))
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/api/router?type=bench"))
            let request = WireRequest(method: "POST", url: url, headers: [HeaderField("Content-Type", "application/x-www-form-urlencoded")],
                                      body: Data("sku_id=200001&quantity=12".utf8))
            let start = ContinuousClock.now
            let ok = try await withThrowingTaskGroup(of: Bool.self) { group in
                var ok = 0
                for index in 0..<total {
                    if index >= Self.threads * 2, try await group.next() == true { ok += 1 }
                    group.addTask { try await transport.send(request).status == 200 }
                }
                for try await result in group where result { ok += 1 }
                return ok
            }
            let elapsed = ContinuousClock.now - start
            #expect(ok == total)
            #expect(server.acceptedConnections <= Self.threads)
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        print("curl → loopback keep-alive, \(Self.threads) transfers at once: \(total) requests in \(String(format: "%.2f", seconds)) s = \(Int(Double(total) / seconds)) req/s")
    }
}
