import Foundation
import Logging
import MarketSync
import MarketSyncTesting
import Synchronization
import Testing
import Walmart
import WalmartSandbox

/// Test credentials: fake.
enum Fake {
    static let clientID = "wm-client-demo"
    static let secret = "wm-fake-secret-0001"
    /// 2026-11-20T08:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_795_161_600)
    static let endpoint = URL(string: "http://127.0.0.1:8932") ?? URL(fileURLWithPath: "/")
}

/// Every request a test's adapter sent, and every answer it got, in order.
final class RequestLog: Sendable {
    private let requests = Mutex<[WireRequest]>([])
    private let responses = Mutex<[WireResponse]>([])
    func append(_ request: WireRequest) { requests.withLock { $0.append(request) } }
    func append(_ response: WireResponse) { responses.withLock { $0.append(response) } }
    var all: [WireRequest] { requests.withLock { $0 } }
    var answers: [WireResponse] { responses.withLock { $0 } }
    /// The top-level JSON object of the last answer.
    var lastAnswer: [String: Any] {
        answers.last.flatMap { try? JSONSerialization.jsonObject(with: $0.body) as? [String: Any] } ?? [:]
    }
    /// The requests that were not the token call.
    var calls: [WireRequest] { all.filter { !$0.url.path.hasSuffix("/v3/token") } }
    var last: WireRequest? { all.last }
}

/// A sandbox and an adapter talking to it in process through `HandlerTransport`; every exchange is also written to
/// the exchange log that `scripts/check-openapi` checks against Walmart's documents.
struct WalmartFixture {
    let clock: ManualClock
    let sandbox: WalmartSandbox
    let adapter: WalmartAdapter
    let log = RequestLog()
    let settings: WalmartSettings

    init(secret: String = Fake.secret, bulkThreshold: Int = 10, pageSize: Int = 200, stateFile: URL? = nil,
         trackingURL: String? = "https://track.example/{tracking}", clock: ManualClock = ManualClock(now: Fake.start),
         sandbox: WalmartSandbox? = nil, correlationID: (@Sendable () -> String)? = nil) {
        self.clock = clock
        self.sandbox = sandbox ?? WalmartSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, clock: clock, stateFile: stateFile)
        settings = WalmartSettings(baseURL: Fake.endpoint, clientID: Fake.clientID, clientSecret: secret, bulkThreshold: bulkThreshold,
                                   pageSize: pageSize, trackingURLTemplate: trackingURL)
        adapter = Self.adapter(to: self.sandbox, clock: clock, log: log, settings: settings, correlationID: correlationID)
    }

    static func adapter(to sandbox: WalmartSandbox, clock: ManualClock, log: RequestLog, settings: WalmartSettings,
                        correlationID: (@Sendable () -> String)? = nil) -> WalmartAdapter {
        let transport = HandlerTransport { [sandbox, log] request in
            log.append(request)
            let response = await sandbox.handle(request)
            log.append(response)
            ExchangeLog.shared.write(request, response)
            return response
        }
        return WalmartAdapter(channel: "walmart", settings: settings, transport: transport, clock: clock,
                              logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), correlationID: correlationID)
    }

    /// Calls an admin endpoint of the sandbox; fails the test unless it answers 2xx.
    @discardableResult
    func admin(_ method: String, _ path: String, json: String = "") async -> WireResponse {
        let response = await sandbox.handle(WireRequest(method: method, url: URL(string: "http://127.0.0.1:8932\(path)") ?? Fake.endpoint,
                                                        headers: [HeaderField("Content-Type", "application/json")], body: Data(json.utf8)))
        #expect((200..<300).contains(response.status), "admin \(method) \(path): \(String(decoding: response.body, as: UTF8.self))")
        return response
    }

    /// The sandbox's world as JSON.
    func state() async -> [String: Any] {
        let response = await admin("GET", "/_sandbox/state")
        return (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
    }

    /// Adds orders (the admin body's JSON list).
    func addOrders(_ json: String) async {
        await admin("POST", "/_sandbox/orders", json: json)
    }

    /// The statuses of one order line in the sandbox: `[(status, quantity, tracking)]`.
    func lineStatuses(_ order: String, line: String) async -> [(String, Int64, String?)] {
        let orders = await state()["orders"] as? [String: Any]
        let lines = (orders?[order] as? [String: Any])?["lines"] as? [[String: Any]] ?? []
        let statuses = lines.first { $0["lineNumber"] as? String == line }?["statuses"] as? [[String: Any]] ?? []
        return statuses.map { status in
            (status["status"] as? String ?? "", (status["quantity"] as? NSNumber)?.int64Value ?? -1,
             (status["tracking"] as? [String: Any])?["trackingNumber"] as? String)
        }
    }
}

/// The log of live exchanges (the adapter's real requests, the sandbox's real answers) that `scripts/check-openapi`
/// validates against Walmart's OpenAPI documents: one JSON object a line, at `$WALMART_EXCHANGES` or
/// `.build/walmart-exchanges.jsonl` under the package. Emptied once per test process, on first use.
final class ExchangeLog: Sendable {
    static let shared = ExchangeLog()
    private let handle: Mutex<FileHandle?>

    private init() {
        let path = ProcessInfo.processInfo.environment["WALMART_EXCHANGES"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.packageRoot.appendingPathComponent(".build/walmart-exchanges.jsonl").path
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        handle = Mutex(FileHandle(forWritingAtPath: path))
    }

    /// The package root: three folders above this file's own (`adapters/Walmart/Tests`).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Appends one exchange.
    func write(_ request: WireRequest, _ response: WireResponse) {
        let object: [String: Any] = [
            "request": [
                "method": request.method, "path": request.url.path(percentEncoded: true),
                "query": request.url.query(percentEncoded: true) ?? "",
                "headers": request.headers.map { [$0.name, $0.value] },
                "body_base64": request.body.base64EncodedString(),
            ] as [String: Any],
            "response": [
                "status": response.status, "headers": response.headers.map { [$0.name, $0.value] },
                "body_base64": response.body.base64EncodedString(),
            ] as [String: Any],
        ]
        guard var line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        line.append(0x0A)
        handle.withLock { $0?.write(line) }
    }
}

extension WalmartAdapter {
    /// `pushStock`'s results when it answers at once; fails the test when it submitted a feed.
    func completedStock(_ updates: [StockUpdate]) async throws -> [ItemResult] {
        try #require(try await pushStock(updates).results, "Walmart answered with a feed instead of per-item results")
    }
}

/// Stock updates of SKUs `WM-0`, `WM-1`, … (items 100, 101, …) with quantities `base + index`.
func stockUpdates(_ count: Int, base: Int64 = 10, prefix: String = "WM") -> [StockUpdate] {
    (0..<count).map { StockUpdate(item: Int64(100 + $0), sku: SKU("\(prefix)-\($0)"), listing: nil, quantity: base + Int64($0)) }
}

/// The items as the engine hands them to `status(of:for:)`.
func submitted(_ updates: [StockUpdate]) -> [SubmittedItem] {
    updates.map { SubmittedItem(item: $0.item, sku: $0.sku, listing: $0.listing) }
}
