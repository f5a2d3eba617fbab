public import Epinduo
public import Foundation
public import MarketSync
internal import Synchronization
internal import MarketSyncSandbox

/// Epinduo's local stand-in: the same router protocol as the platform (docs/channels.md, "Epinduo"), serving the demo,
/// `marketsync record` and the tests, in-process (``handle(_:)`` behind a `HandlerTransport`) or behind a
/// loopback HTTP server.
///
/// It checks credentials and signatures like the platform, keeps what it was sent (stock, prices, shipments,
/// request counts), serves orders by update-time window, answers armed faults, and has JSON admin endpoints under
/// `/_sandbox/`. Error codes (the platform's own are unconfirmed): 10000 invalid parameter (`sub_code` names it),
/// 10002 unknown `type`, 10016 client_id invalid, 10019 sign invalid, 10035 access_token invalid,
/// 50001 order not found, 50002 order already shipped, 50003 order cannot be shipped; 70031 "too frequent" is what
/// a throttle fault should use.
///
/// With a `stateFile`, the world is loaded at init and written back after each change, so a restarted sandbox
/// (and a second CLI run) sees the same world.
///
/// With a `rateLimit`, router calls over it are answered like the platform throttles: `error_response` 70031
/// "call too frequent" with HTTP 200, plus a `Retry-After` header (whole seconds, rounded up); they are counted in
/// the state's `throttled`. Every accepted stock and price value is kept in order in ``history``.
public final class EpinduoSandbox: Sendable {
    struct Store {
        var world = EpinduoSandboxState()
        /// Bumped on every change; the state file is written for a generation only once.
        var generation: Int64 = 0
        var requestSerial: Int64 = 0
        /// The rate limit in force, if any (configuration of this process: not in the world, not persisted).
        var bucket: SandboxThrottle?
        /// What was accepted, per listing (memory only).
        var history = EpinduoSandboxHistory()
    }

    let clientID: String
    let clientSecret: String
    let accessToken: String
    let signer: EpinduoSigner
    let methods: EpinduoSettings.Methods
    let clock: any SyncClock
    let stateFile: SandboxStateFile<EpinduoSandboxState>?
    let store: Mutex<Store>
    /// The message service's messages: one per order created or changed once a message service runs.
    public let messages = EpinduoSandboxMessages()

    /// Why the state file could not be read at init or last written, if it could not (then the sandbox runs on
    /// an empty or unsaved world rather than refusing to start).
    public var stateFileProblem: String? { stateFile?.problem }

    /// A sandbox accepting calls signed with `clientSecret` from `clientID` with `accessToken`; `methods` names the
    /// router types it serves (the Pinduoduo names by default).
    /// With a `rateLimit`, calls over it are throttled (see ``setRateLimit(_:)``).
    public init(clientID: String, clientSecret: String, accessToken: String, clock: any SyncClock, stateFile: URL? = nil,
                methods: EpinduoSettings.Methods = EpinduoSettings.Methods(), rateLimit: RateLimit? = nil) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.accessToken = accessToken
        self.signer = EpinduoSigner(secret: clientSecret)
        self.methods = methods
        self.clock = clock
        let file = stateFile.map(SandboxStateFile<EpinduoSandboxState>.init(url:))
        self.stateFile = file
        var initial = Store()
        initial.bucket = rateLimit.map(SandboxThrottle.init(limit:))
        if let world = file?.load() { initial.world = world }
        store = Mutex(initial)
    }

    /// Answers one HTTP request: `POST /api/router` (the platform's router) or the `/_sandbox/` admin endpoints.
    public func handle(_ request: WireRequest) async -> WireResponse {
        var path = request.url.path
        if path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        let method = request.method.uppercased()
        switch (method, path) {
        case ("POST", "/api/router"): return router(request)
        case ("GET", "/_sandbox/state"): return adminState()
        case ("GET", "/_sandbox/history"): return adminHistory()
        case ("GET", "/_sandbox/rate_limit"): return adminRateLimit()
        case ("POST", "/_sandbox/rate_limit"): return adminSetRateLimit(request.body)
        case ("DELETE", "/_sandbox/rate_limit"):
            setRateLimit(nil)
            return adminRateLimit()
        case ("POST", "/_sandbox/orders"): return adminAddOrders(request.body)
        case ("POST", "/_sandbox/orders/random"): return adminRandomOrders(request.body)
        case ("POST", "/_sandbox/faults"): return adminAddFaults(request.body)
        case ("GET", "/_sandbox/order_churn"): return adminOrderChurn()
        case ("POST", "/_sandbox/order_churn"): return adminSetOrderChurn(request.body)
        case ("DELETE", "/_sandbox/order_churn"):
            setOrderChurn(nil)
            return adminOrderChurn()
        case ("GET", "/_sandbox/messages"): return adminMessages()
        case ("POST", "/_sandbox/messages/drop"): return adminDropMessageConnections()
        case ("POST", "/_sandbox/messages/duplicate"): return adminDuplicateMessages(request.body)
        case ("POST", "/_sandbox/messages/raw"): return Self.json(200, ["sent_to": messages.sendRaw(String(decoding: request.body, as: UTF8.self))])
        case ("POST", "/_sandbox/reset"):
            reset()
            return Self.json(200, ["reset": true])
        case (_, "/api/router"), (_, "/_sandbox/state"), (_, "/_sandbox/orders"), (_, "/_sandbox/orders/random"),
             (_, "/_sandbox/faults"), (_, "/_sandbox/reset"), (_, "/_sandbox/history"), (_, "/_sandbox/rate_limit"),
             (_, "/_sandbox/order_churn"), (_, "/_sandbox/messages"), (_, "/_sandbox/messages/drop"),
             (_, "/_sandbox/messages/duplicate"), (_, "/_sandbox/messages/raw"):
            return Self.json(405, ["error": "method \(method) not allowed on \(path)"])
        default:
            return Self.json(404, ["error": "no such endpoint: \(path)"])
        }
    }

    // MARK: Swift-side access (tests, the CLI)

    /// A copy of the whole world.
    var state: EpinduoSandboxState { store.withLock { $0.world } }

    /// Every stock and price value accepted so far, per listing, in order.
    var history: EpinduoSandboxHistory { store.withLock { $0.history } }

    /// The rate limit in force, if any.
    public var rateLimit: RateLimit? { store.withLock { $0.bucket?.limit } }

    /// Enforces `limit` from now on with a full bucket, or lifts the limit when nil.
    func setRateLimit(_ limit: RateLimit?) {
        store.withLock { $0.bucket = limit.map(SandboxThrottle.init(limit:)) }
    }

    /// How many router calls of `type` came in (rejected ones included).
    public func requestCount(_ type: String) -> Int {
        store.withLock { $0.world.requestCounts[type] ?? 0 }
    }

    /// Adds or replaces orders (keyed by `order_sn`); each is a message of the message service.
    func upsertOrders(_ orders: [EpinduoSandboxOrder]) {
        let changes = mutate { world -> [(old: EpinduoSandboxOrder?, new: EpinduoSandboxOrder)] in
            var changes: [(old: EpinduoSandboxOrder?, new: EpinduoSandboxOrder)] = []
            for order in orders {
                changes.append((old: world.orders[order.orderSN], new: order))
                world.orders[order.orderSN] = order
            }
            return changes
        }
        publish(changes)
    }

    /// Sends a message of the message service for each order that was created or changed (old copy nil when new).
    func publish(_ changes: [(old: EpinduoSandboxOrder?, new: EpinduoSandboxOrder)]) {
        guard !changes.isEmpty else { return }
        let now = clock.now()
        for change in changes where change.old != change.new {
            messages.publish(orderSN: change.new.orderSN, type: EpinduoSandboxOrder.messageType(from: change.old, to: change.new), at: now)
        }
    }

    /// Arms faults; each answers the next `times` matching calls.
    func addFaults(_ faults: [EpinduoSandboxFault]) {
        mutate { $0.faults += faults }
    }

    /// Updates orders between the page reads of every order listing from now on (``EpinduoSandboxOrderChurn``), or
    /// stops when nil.
    func setOrderChurn(_ churn: EpinduoSandboxOrderChurn?) {
        mutate { $0.orderChurn = churn }
    }

    /// Empties the world (stock, prices, orders, shipments, counts, faults and order churn) and the history; a rate limit stays in
    /// force with a full bucket.
    public func reset() {
        store.withLock { store in
            store.generation += 1
            store.world = EpinduoSandboxState()
            store.history = EpinduoSandboxHistory()
            store.bucket = store.bucket.map { SandboxThrottle(limit: $0.limit) }
        }
        persist()
    }

    /// Runs `change` on the world under the lock, then persists.
    @discardableResult
    func mutate<T>(_ change: (inout EpinduoSandboxState) -> T) -> T {
        let result = store.withLock { store in
            store.generation += 1
            return change(&store.world)
        }
        persist()
        return result
    }

    // MARK: Persistence

    /// Writes the latest world to the state file. The world is copied under the state lock (copy-on-write makes
    /// that cheap) and encoded outside it; a writer that finds a newer generation already written skips, so a
    /// burst of concurrent changes costs few writes.
    func persist() {
        stateFile?.save { store.withLock { ($0.generation, $0.world) } }
    }

    // MARK: Responses

    static func json(_ status: Int, _ object: Any, headers: [HeaderField] = []) -> WireResponse {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return WireResponse(status: status, headers: [HeaderField("Content-Type", "application/json; charset=utf-8")] + headers,
                            body: body)
    }

    static func jsonBody(_ status: Int, _ body: Data) -> WireResponse {
        WireResponse(status: status, headers: [HeaderField("Content-Type", "application/json; charset=utf-8")], body: body)
    }
}
