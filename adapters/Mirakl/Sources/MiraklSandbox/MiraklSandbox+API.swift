internal import Foundation
internal import MarketSync
internal import Synchronization

extension MiraklSandbox {
    /// One seller API call: the key first (401), then imports due by now are applied, then the call's limit (429),
    /// then armed faults, then the call itself.
    func serve(_ route: MiraklSandboxRoute, _ request: WireRequest) -> WireResponse {
        let now = Self.unixSeconds(clock.now())
        let call = route.call
        let query = Self.query(request.url)
        let body = request.body
        let authorized = request.header("Authorization") == apiKey && !apiKey.isEmpty
        return store.withLock { store -> WireResponse in
            store.generation += 1
            store.world.requestCounts[call, default: 0] += 1
            guard authorized else { return Self.error(401, code: "UNAUTHORIZED", "Unauthorized: the API key is missing or not valid") }
            Self.advanceImports(&store.world, now: now)
            if let limit = store.world.limits[call], limit > 0, let last = store.world.lastCall[call], now - last < Int64(limit) {
                store.world.throttled += 1
                let wait = Int64(limit) - (now - last)
                return Self.error(429, code: "TOO_MANY_REQUESTS", "\(call) is limited to one call every \(limit) s",
                                  headers: [HeaderField("Retry-After", String(wait))])
            }
            let fault = Self.takeFault(&store.world, call: call)
            switch fault?.kind {
            case .throttle?:
                store.world.throttled += 1
                return Self.error(429, code: "TOO_MANY_REQUESTS", "Too Many Requests",
                                  headers: [HeaderField("Retry-After", String(fault?.retryAfter ?? 1))])
            case .error?:
                let status = fault?.status ?? 500
                return Self.error(status, code: "SANDBOX_FAULT", fault?.message ?? "Internal Server Error")
            case .html?:
                return Self.gatewayPage(status: fault?.status ?? 200)
            case .truncated?, nil:
                break
            }
            store.world.lastCall[call] = now
            let response: WireResponse
            switch route {
            case .listOffers: response = Self.listOffers(store.world, query)
            case .importOffers: response = Self.importOffers(&store.world, body, now: now)
            case let .importStatus(id): response = Self.importStatus(store.world, id, now: now)
            case let .errorReport(id): response = Self.errorReport(store.world, id)
            case .listOrders: response = Self.listOrders(store.world, query, path: request.url.path)
            case let .accept(id): response = Self.accept(&store.world, id, body, now: now)
            case let .tracking(id): response = Self.tracking(&store.world, id, body, now: now)
            case let .ship(id): response = Self.ship(&store.world, id, now: now)
            case let .cancelOrder(id): response = Self.cancel(&store.world, id, now: now)
            case .refund: response = Self.refund(&store.world, body, now: now)
            case .cancelLines: response = Self.cancelLines(&store.world, body, now: now)
            }
            return fault?.kind == .truncated ? Self.truncated(response) : response
        }
    }

    /// Consumes one use of the first armed fault matching `call`, if any.
    static func takeFault(_ world: inout MiraklSandboxState, call: String) -> MiraklSandboxFault? {
        guard let index = world.faults.firstIndex(where: { $0.matches(call) }) else { return nil }
        let fault = world.faults[index]
        world.faults[index].times -= 1
        if world.faults[index].times <= 0 { world.faults.remove(at: index) }
        return fault
    }

    /// The query's values by name (the last of a repeated name).
    static func query(_ url: URL) -> [String: String] {
        var values: [String: String] = [:]
        for item in URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? [] { values[item.name] = item.value ?? "" }
        return values
    }

    /// `offset` and `max` of a paged list (`max` 1…100, default 10 as Mirakl's), or an error answer.
    static func paging(_ query: [String: String]) -> Result<(offset: Int, max: Int), MiraklSandboxAnswer> {
        let offset = query["offset"].map { Int($0) } ?? 0
        let max = query["max"].map { Int($0) } ?? 10
        guard let offset, offset >= 0 else { return .failure(.init(error(400, code: "VALIDATION_ERROR", "offset must be a whole number ≥ 0"))) }
        guard let max, (1...100).contains(max) else { return .failure(.init(error(400, code: "VALIDATION_ERROR", "max must be 1 to 100"))) }
        return .success((offset, max))
    }

    /// The JSON object of a request body, or nil.
    static func object(_ body: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }
}

/// An error answer carried through a `Result`.
struct MiraklSandboxAnswer: Error {
    var response: WireResponse
    init(_ response: WireResponse) { self.response = response }
}
