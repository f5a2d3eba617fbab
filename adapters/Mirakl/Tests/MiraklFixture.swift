import Foundation
import Logging
import MarketSync
import MarketSyncTesting
import Mirakl
import MiraklSandbox
import Synchronization
import Testing

/// Test values: fake, never a real key.
enum Fake {
    static let key = "fake-mirakl-key-0001"
    /// 2026-11-20T08:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_795_161_600)
    static let eur = Currency(rawValue: "EUR")
    static let base = URL(string: "http://127.0.0.1:8932") ?? URL(fileURLWithPath: "/")

    static func euros(_ text: String) -> Money {
        Money.parseDecimal(text, currency: eur) ?? Money(minorUnits: 0, currency: eur)
    }
}

/// Every request a test sent, in order.
final class RequestLog: Sendable {
    private let requests = Mutex<[WireRequest]>([])
    func append(_ request: WireRequest) { requests.withLock { $0.append(request) } }
    var all: [WireRequest] { requests.withLock { $0 } }
    /// The requests whose path is `path` (and method, if given).
    func calls(_ path: String, method: String? = nil) -> [WireRequest] {
        all.filter { $0.url.path == path && (method == nil || $0.method == method) }
    }
}

/// A sandbox and an adapter talking to it in process, through `HandlerTransport`, on a manual clock.
struct MiraklFixture {
    let clock: ManualClock
    let sandbox: MiraklSandbox
    let adapter: MiraklAdapter
    let log: RequestLog

    /// A fresh sandbox; by default the adapter neither spaces its imports nor its questions (tests move the clock).
    init(key: String = Fake.key, pageSize: Int = 100, importInterval: Duration = .zero, statusInterval: Duration = .zero,
         stateFile: URL? = nil) {
        clock = ManualClock(now: Fake.start)
        sandbox = MiraklSandbox(apiKey: Fake.key, clock: clock, stateFile: stateFile)
        log = RequestLog()
        adapter = Self.adapter(to: sandbox, clock: clock, log: log, key: key, pageSize: pageSize, importInterval: importInterval,
                               statusInterval: statusInterval)
    }

    /// A second adapter to the same sandbox: a restarted process (it remembers no offer).
    func restarted(key: String = Fake.key) -> MiraklAdapter {
        Self.adapter(to: sandbox, clock: clock, log: log, key: key)
    }

    static func adapter(to sandbox: MiraklSandbox, clock: any SyncClock, log: RequestLog, key: String = Fake.key, pageSize: Int = 100,
                        importInterval: Duration = .zero, statusInterval: Duration = .zero) -> MiraklAdapter {
        let transport = HandlerTransport { [sandbox, log] request in
            log.append(request)
            return await sandbox.handle(request)
        }
        return adapter(transport: transport, clock: clock, key: key, pageSize: pageSize, importInterval: importInterval,
                       statusInterval: statusInterval)
    }

    static func adapter(transport: any Transport, clock: any SyncClock, key: String = Fake.key, pageSize: Int = 100,
                        importInterval: Duration = .zero, statusInterval: Duration = .zero) -> MiraklAdapter {
        let settings = MiraklSettings(baseURL: Fake.base, apiKey: key, pageSize: pageSize, importInterval: importInterval,
                                      statusInterval: statusInterval)
        return MiraklAdapter(channel: "carrefour", settings: settings, transport: transport, clock: clock,
                             logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Calls an admin endpoint of the sandbox; fails the test on an error status.
    @discardableResult
    func admin(_ method: String, _ path: String, _ json: String = "") async throws -> [String: Any] {
        let response = await sandbox.handle(WireRequest(method: method, url: Fake.base.appendingPathComponent(path),
                                                        headers: [HeaderField("Content-Type", "application/json")], body: Data(json.utf8)))
        try #require((200..<300).contains(response.status), "admin \(path): \(String(decoding: response.body, as: UTF8.self))")
        return (try JSONSerialization.jsonObject(with: response.body) as? [String: Any]) ?? [:]
    }

    /// The sandbox's offer of `sku`, as `GET /_sandbox/state` shows it.
    func offer(_ sku: String) async throws -> [String: Any]? {
        let state = try await admin("GET", "/_sandbox/state")
        return (state["offers"] as? [String: Any])?[sku] as? [String: Any]
    }

    /// The sandbox's order `id`.
    func order(_ id: String) async throws -> [String: Any]? {
        let state = try await admin("GET", "/_sandbox/state")
        return (state["orders"] as? [String: Any])?[id] as? [String: Any]
    }

    /// Asks about `receipt` every 10 seconds of the clock until it is answered (at most 30 times).
    func results(of outcome: PushOutcome, items: [SubmittedItem], adapter: MiraklAdapter? = nil) async throws -> [ItemResult] {
        guard case let .submitted(receipt) = outcome else { return try #require(outcome.results) }
        for _ in 0..<30 {
            clock.advance(by: .seconds(10))
            if case let .completed(results) = try await (adapter ?? self.adapter).status(of: receipt, for: items) { return results }
        }
        Issue.record("import \(receipt) never completed")
        return []
    }
}

extension Array where Element == StockUpdate {
    var submitted: [SubmittedItem] { map { SubmittedItem(item: $0.item, sku: $0.sku, listing: $0.listing) } }
}

extension Array where Element == PriceUpdate {
    var submitted: [SubmittedItem] { map { SubmittedItem(item: $0.item, sku: $0.sku, listing: $0.listing) } }
}

extension WireRequest {
    /// The JSON object of the body.
    var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
    /// The query values by name.
    var query: [String: String] {
        var values: [String: String] = [:]
        for item in URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? [] { values[item.name] = item.value ?? "" }
        return values
    }
}

/// The results by item id.
func byItem(_ results: [ItemResult]) -> [Int64: ItemResult] {
    Dictionary(results.map { ($0.item, $0) }, uniquingKeysWith: { first, _ in first })
}
