public import Foundation
public import MarketSync
internal import Mirakl
internal import Synchronization
internal import MarketSyncSandbox

/// Mirakl's local stand-in: the seller API calls the adapter makes (and a few it does not: OR28, OR29, OR30), serving
/// the tests, `marketsync record` and the demo, in process (``handle(_:)`` behind a `HandlerTransport`) or behind a
/// loopback HTTP server (docs/channels.md, "Mirakl", "The sandbox").
///
/// It checks the raw key in `Authorization` (401 otherwise), takes OF24 imports at once and applies them later as its
/// clock passes their timings (fields a line leaves out are reset), writes OF03 error reports, lists orders by update
/// date with offsets and a deliberate delta, runs the order life cycle (OR21, OR23, OR24) with Mirakl's wrong-state
/// errors, answers armed faults and per-call limits, and has JSON admin endpoints under `/_sandbox/`.
///
/// With a `stateFile`, the world is loaded at init and written back after each change, so a restarted sandbox (and a
/// second CLI run) sees the same world.
public final class MiraklSandbox: Sendable {
    struct Store {
        var world = MiraklSandboxState()
        /// Bumped on every change; the state file is written for a generation only once.
        var generation: Int64 = 0
    }

    let apiKey: String
    let clock: any SyncClock
    let stateFile: SandboxStateFile<MiraklSandboxState>?
    let store: Mutex<Store>

    /// Why the state file could not be read at init or last written, if it could not (the sandbox then runs on an
    /// empty or unsaved world rather than refusing to start).
    public var stateFileProblem: String? { stateFile?.problem }

    /// A sandbox accepting calls with `apiKey`, keeping time on `clock`, pricing in `currency` (a new world's; a state
    /// file keeps its own).
    public init(apiKey: String, clock: any SyncClock, stateFile: URL? = nil, currency: String = "EUR") {
        self.apiKey = apiKey
        self.clock = clock
        let file = stateFile.map(SandboxStateFile<MiraklSandboxState>.init(url:))
        self.stateFile = file
        var initial = Store()
        initial.world.settings.currency = currency
        if let world = file?.load() { initial.world = world }
        store = Mutex(initial)
    }

    /// Answers one HTTP request: the seller API under `/api/`, the admin endpoints under `/_sandbox/`.
    public func handle(_ request: WireRequest) async -> WireResponse {
        var path = request.url.path
        if path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        if path.hasPrefix("/_sandbox/") { return admin(request.method.uppercased(), path, request.body) }
        guard let route = MiraklSandboxRoute(method: request.method.uppercased(), path: path) else {
            return Self.error(404, code: "NOT_FOUND", "no such endpoint: \(request.method.uppercased()) \(path)")
        }
        let response = serve(route, request)
        persist()
        return response
    }

    // MARK: Swift-side access (tests, the CLI)

    /// A copy of the whole world.
    var state: MiraklSandboxState { store.withLock { $0.world } }

    /// How many calls of `call` (`OF24`, `OR11`, …) came in, refused ones included.
    public func requestCount(_ call: String) -> Int {
        store.withLock { $0.world.requestCounts[call] ?? 0 }
    }

    /// Empties the world (offers, imports, orders, faults, counts); the settings and the currency stay.
    public func reset() {
        store.withLock { store in
            store.generation += 1
            let settings = store.world.settings
            store.world = MiraklSandboxState()
            store.world.settings = settings
        }
        persist()
    }

    /// Runs `change` on the world under the lock, then persists.
    @discardableResult
    func mutate<T>(_ change: (inout MiraklSandboxState, Int64) -> T) -> T {
        let now = MiraklSandbox.unixSeconds(clock.now())
        let result = store.withLock { store in
            store.generation += 1
            Self.advanceImports(&store.world, now: now)
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

    // MARK: Responses

    static func unixSeconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

    static func json(_ status: Int, _ object: Any, headers: [HeaderField] = []) -> WireResponse {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return WireResponse(status: status, headers: [HeaderField("Content-Type", "application/json;charset=UTF-8")] + headers, body: body)
    }

    /// An error answer: `{"status", "code", "message"}` (the MMP error body's field names are unconfirmed; these are the
    /// sandbox's).
    static func error(_ status: Int, code: String, _ message: String, headers: [HeaderField] = []) -> WireResponse {
        json(status, ["status": status, "code": code, "message": message], headers: headers)
    }

    /// 204, no body (OR21, OR23, OR24, OR29, OR30).
    static let noContent = WireResponse(status: 204)

    /// What a reverse proxy answers when the instance is away: an HTML page (status 200 unless told otherwise).
    static func gatewayPage(status: Int) -> WireResponse {
        let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
            + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        return WireResponse(status: status, headers: [HeaderField("Content-Type", "text/html")], body: Data(page.utf8))
    }

    /// `response` with the first half of its body only (at least one byte short), as a dropped connection leaves it.
    static func truncated(_ response: WireResponse) -> WireResponse {
        var cut = response
        cut.body = response.body.prefix(min(response.body.count / 2, max(response.body.count - 1, 0)))
        return cut
    }
}
