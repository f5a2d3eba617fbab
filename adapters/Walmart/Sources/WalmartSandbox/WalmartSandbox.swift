public import Foundation
public import MarketSync
internal import Synchronization
internal import Walmart
internal import MarketSyncSandbox

/// Walmart Marketplace's local stand-in (docs/channels.md, "What a local sandbox must imitate"), serving the demo,
/// `marketsync record` and the tests, in process (``handle(_:)`` behind a `HandlerTransport`) or behind a loopback
/// HTTP server.
///
/// It issues tokens for the configured client id and secret that run out after 900 s of **its** clock; wants the
/// headers Walmart wants on every call; takes single inventory and price updates; takes bulk feeds that go
/// `RECEIVED` → `INPROGRESS` → `PROCESSED` as its clock moves, with per-item outcomes armed by admin calls or a
/// whole-feed `ERROR`, item details paged by `offset`/`limit`; serves orders with `nextCursor` paging, acknowledges,
/// ships line by line, cancels and refunds; and answers armed faults (errors in Walmart's shape, throttling with
/// `Retry-After`, 5xx, a gateway's HTML page, a cut-off answer, a token that runs out mid-run); keeps webhook
/// subscriptions and posts order events to them (``runWebhookDeliveries()``). Admin endpoints (JSON) live under
/// `/_sandbox/`.
///
/// With a `stateFile`, the world is loaded at init and written back after each change, so a restarted sandbox
/// (and a second CLI run) sees the same world.
public final class WalmartSandbox: Sendable {
    struct Store {
        var world = WalmartSandboxState()
        /// Bumped on every change; the state file is written for a generation only once.
        var generation: Int64 = 0
        /// The rate limit in force, if any (configuration of this process: not persisted).
        var bucket: SandboxThrottle?
        /// Webhook events queued for the delivery loop (not persisted).
        var pendingWebhooks: [WalmartSandboxWebhookJob] = []
        /// Tests waiting for a number of delivery attempts.
        var deliveryWaiters: [(token: UUID, count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    let clientID: String
    let clientSecret: String
    let clock: any SyncClock
    let stateFile: SandboxStateFile<WalmartSandboxState>?
    let store: Mutex<Store>
    /// Where webhook events are posted (the project's libcurl transport); nil delivers none (each attempt is recorded
    /// as not delivered).
    let webhookTransport: (any Transport)?
    /// Wakes ``runWebhookDeliveries()`` when events are queued.
    let webhookWake = WalmartSandboxWake()

    /// How long a token lives: 15 minutes (docs/channels.md, "Every call").
    static let tokenLifetime: Int64 = 900

    /// Why the state file could not be read at init or last written, if it could not.
    public var stateFileProblem: String? { stateFile?.problem }

    /// A sandbox issuing tokens to `clientID` with `clientSecret`; with a `rateLimit`, calls over it answer 429; webhook
    /// events go out on `webhookTransport` (while ``runWebhookDeliveries()`` runs).
    public init(clientID: String, clientSecret: String, clock: any SyncClock, stateFile: URL? = nil, rateLimit: RateLimit? = nil,
                webhookTransport: (any Transport)? = nil) {
        self.webhookTransport = webhookTransport
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.clock = clock
        let file = stateFile.map(SandboxStateFile<WalmartSandboxState>.init(url:))
        self.stateFile = file
        var initial = Store()
        initial.bucket = rateLimit.map(SandboxThrottle.init(limit:))
        if let world = file?.load() { initial.world = world }
        store = Mutex(initial)
    }

    /// Answers one HTTP request: Walmart's `/v3/` API or the `/_sandbox/` admin endpoints. Never throws: a request it
    /// cannot read gets an error answer.
    public func handle(_ request: WireRequest) async -> WireResponse {
        var path = request.url.path
        if path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        if path.hasPrefix("/_sandbox/") { return admin(request, path: path) }
        return api(request, path: path)
    }

    // MARK: Swift-side access (tests, the CLI)

    /// A copy of the whole world.
    var state: WalmartSandboxState { store.withLock { $0.world } }

    /// How many calls of `operation` (an `operationId`) came in, refused ones included.
    public func requestCount(_ operation: String) -> Int {
        store.withLock { $0.world.requestCounts[operation] ?? 0 }
    }

    /// The units the sandbox holds for `sku`, nil when never set.
    public func stock(of sku: String) -> Int64? {
        store.withLock { $0.world.inventory[sku] }
    }

    /// The base price the sandbox holds for `sku` in hundredths of `currency`, nil when never set.
    public func price(of sku: String) -> (currency: String, hundredths: Int64)? {
        store.withLock { $0.world.prices[sku].map { ($0.currency, $0.amount) } }
    }

    /// Calls answered 429 by the sandbox's own limits (armed faults not counted).
    public var throttledCount: Int { store.withLock { $0.world.throttled } }

    /// Enforces `limit` from now on with a full bucket, or lifts the limit when nil.
    func setRateLimit(_ limit: RateLimit?) {
        store.withLock { $0.bucket = limit.map(SandboxThrottle.init(limit:)) }
    }

    /// Empties the world; a rate limit stays in force with a full bucket.
    public func reset() {
        store.withLock { store in
            store.generation += 1
            store.world = WalmartSandboxState()
            store.pendingWebhooks.removeAll()
            store.bucket = store.bucket.map { SandboxThrottle(limit: $0.limit) }
        }
        persist()
    }

    /// Runs `change` on the world under the lock (feeds due brought up to date first), then persists.
    @discardableResult
    func mutate<T>(_ change: (inout WalmartSandboxState, Int64) -> T) -> T {
        let now = Self.milliseconds(clock.now())
        let result = store.withLock { store in
            store.generation += 1
            Self.settleFeeds(&store.world, now: now)
            return change(&store.world, now)
        }
        persist()
        return result
    }

    // MARK: Persistence

    /// Writes the latest world to the state file; a writer that finds a newer generation already written skips.
    func persist() {
        stateFile?.save { store.withLock { ($0.generation, $0.world) } }
    }

    // MARK: Responses and values

    static func json(_ status: Int, _ object: Any, headers: [HeaderField] = []) -> WireResponse {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return WireResponse(status: status, headers: [HeaderField("Content-Type", "application/json")] + headers, body: body)
    }

    /// Epoch milliseconds of `date`, rounded down.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// Hundredths as an exact JSON decimal.
    static func decimal(_ hundredths: Int64) -> Decimal {
        Decimal(hundredths) / 100
    }

    /// The query's parameters, percent-decoded, first value of each name.
    static func query(_ url: URL) -> [String: String] {
        var out: [String: String] = [:]
        for item in URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? [] where out[item.name] == nil {
            out[item.name] = item.value ?? ""
        }
        return out
    }
}
