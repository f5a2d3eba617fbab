import Epinduo
import EpinduoSandbox
import Foundation
import Logging
import MarketSync
import MarketSyncTesting
import Synchronization
import Testing

/// Test credentials: fake, and the same ones the known signature vectors were computed with.
enum Fake {
    static let clientID = "client-demo"
    static let secret = "fake-secret-0001"
    static let token = "token-demo"
    /// 2023-11-14T22:13:20Z.
    static let start = Date(timeIntervalSince1970: 1_700_000_000)
}

/// Every request a test sent, in order.
final class RequestLog: Sendable {
    private let requests = Mutex<[WireRequest]>([])
    func append(_ request: WireRequest) { requests.withLock { $0.append(request) } }
    var all: [WireRequest] { requests.withLock { $0 } }
    var last: WireRequest? { all.last }
}

/// A sandbox and an adapter talking to it in process, through `HandlerTransport`.
struct EpinduoFixture {
    let clock: ManualClock
    let sandbox: EpinduoSandbox
    let adapter: EpinduoAdapter
    let log = RequestLog()

    init(adapterSecret: String = Fake.secret, pageSize: Int = 100, stateFile: URL? = nil, rateLimit: RateLimit? = nil) {
        clock = ManualClock(now: Fake.start)
        sandbox = EpinduoSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, accessToken: Fake.token, clock: clock,
                                 stateFile: stateFile, rateLimit: rateLimit)
        adapter = Self.adapter(to: sandbox, clock: clock, log: log, secret: adapterSecret, pageSize: pageSize)
    }

    static func adapter(to sandbox: EpinduoSandbox, clock: ManualClock, log: RequestLog, secret: String = Fake.secret,
                        pageSize: Int = 100) -> EpinduoAdapter {
        let transport = HandlerTransport { [sandbox, log] request in
            log.append(request)
            return await sandbox.handle(request)
        }
        return adapter(transport: transport, clock: clock, secret: secret, pageSize: pageSize)
    }

    static func adapter(transport: any Transport, clock: any SyncClock, secret: String = Fake.secret, pageSize: Int = 100) -> EpinduoAdapter {
        let settings = EpinduoSettings(
            baseURL: URL(string: "http://127.0.0.1:8931/api/router") ?? URL(fileURLWithPath: "/"),
            clientID: Fake.clientID, clientSecret: secret, accessToken: Fake.token, pageSize: pageSize)
        return EpinduoAdapter(channel: "epinduo", settings: settings, transport: transport, clock: clock,
                              logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Calls an admin endpoint of the sandbox.
    func admin(_ method: String, _ path: String, json: String = "") async -> WireResponse {
        await sandbox.handle(WireRequest(method: method, url: URL(string: "http://127.0.0.1:8931\(path)") ?? URL(fileURLWithPath: "/"),
                                         headers: [HeaderField("Content-Type", "application/json")], body: Data(json.utf8)))
    }
}

extension WireRequest {
    /// The form fields of the body.
    var form: [String: String] { EpinduoForm.decode(body) ?? [:] }
}

extension EpinduoAdapter {
    /// `pushStock`'s results: Epinduo answers every call at once, so the outcome is always completed.
    func completedStock(_ updates: [StockUpdate]) async throws -> [ItemResult] {
        let outcome = try await pushStock(updates)
        return try #require(outcome.results, "Epinduo answered a push with a receipt")
    }

    /// `pushPrices`'s results (always completed on Epinduo).
    func completedPrices(_ updates: [PriceUpdate]) async throws -> [ItemResult] {
        let outcome = try await pushPrices(updates)
        return try #require(outcome.results, "Epinduo answered a push with a receipt")
    }
}
