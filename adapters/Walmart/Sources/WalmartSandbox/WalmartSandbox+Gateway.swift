internal import Foundation
internal import MarketSync
internal import MarketSyncSandbox
internal import Synchronization
internal import Walmart

extension WalmartSandbox {
    /// One `/v3/` call: counted, then the rate limit, the headers and the token checked as Walmart's gateway checks
    /// them, then an armed fault, then the operation itself.
    func api(_ request: WireRequest, path: String) -> WireResponse {
        let query = Self.query(request.url)
        let route = WalmartSandboxRoute(method: request.method, path: path, query: query)
        let wall = clock.now()
        let now = Self.milliseconds(wall)
        let body = WalmartJSON.object(request.body)
        let sku = query["sku"] ?? body.flatMap { WalmartJSON.string($0["sku"]) }
        let response = store.withLock { store -> WireResponse in
            store.generation += 1
            Self.settleFeeds(&store.world, now: now)
            store.world.requestCounts[route.operation.isEmpty ? "unknown" : route.operation, default: 0] += 1
            if case let .throttled(seconds)? = store.bucket?.take(atUnixSeconds: wall.timeIntervalSince1970) {
                store.world.throttled += 1
                return Self.throttle(retryAfter: seconds, now: now).response
            }
            if route.operation.isEmpty {
                return WalmartSandboxError(status: 404, code: "URI_NOT_FOUND", description: "no such resource: \(path)", category: "REQUEST").response
            }
            if route.wrongMethod {
                return WalmartSandboxError(status: 405, code: "METHOD_NOT_ALLOWED", description: "\(request.method) is not allowed on \(path)",
                                           category: "REQUEST").response
            }
            if let refusal = gatewayRefusal(request, route: route, world: &store.world, now: now) { return refusal.response }
            let fault = Self.takeFault(&store.world, operation: route.operation, sku: sku, purchaseOrderID: route.purchaseOrderID)
            if let fault {
                switch fault.kind {
                case .error:
                    var error = WalmartSandboxError(status: fault.httpStatus ?? 400, code: fault.code ?? "INVALID_REQUEST_CONTENT",
                                                    field: fault.field, description: fault.description ?? "sandbox fault")
                    if let retryAfter = fault.retryAfter { error.headers.append(HeaderField("Retry-After", String(retryAfter))) }
                    if error.status == 429 { error.category = "REQUEST" }
                    if error.status >= 500 { error.category = "SYSTEM" }
                    return error.response
                case .html:
                    return Self.gatewayPage(status: fault.httpStatus ?? 200)
                case .expireToken:
                    store.world.tokens.removeAll()
                    return WalmartSandboxError.unauthorized("the access token has expired").response
                case .truncated:
                    break
                }
            }
            let served = serve(request, route: route, query: query, world: &store.world, now: now)
            return fault?.kind == .truncated ? Self.truncated(served) : served
        }
        persist()
        return response
    }

    /// What Walmart's gateway refuses before the operation sees the call (docs/channels.md, "What a local sandbox
    /// must imitate"): a missing or blank `WM_QOS.CORRELATION_ID` (400 `INVALID_REQUEST_HEADER`), a missing
    /// `WM_SVC.NAME` (400 `MISSING_REQUEST_HEADER`), an `Accept` that is not JSON (406), and a missing, unknown or
    /// expired `WM_SEC.ACCESS_TOKEN` (401 `UNAUTHORIZED`); the token call wants Basic auth with the client's id and
    /// secret instead of a token.
    func gatewayRefusal(_ request: WireRequest, route: WalmartSandboxRoute, world: inout WalmartSandboxState, now: Int64)
        -> WalmartSandboxError?
    {
        if request.header("WM_QOS.CORRELATION_ID")?.trimmingWhitespace().isEmpty ?? true {
            return WalmartSandboxError(status: 400, code: "INVALID_REQUEST_HEADER", field: "WM_QOS.CORRELATION_ID",
                                       description: "WM_QOS.CORRELATION_ID is required", category: "REQUEST")
        }
        if request.header("WM_SVC.NAME")?.trimmingWhitespace().isEmpty ?? true {
            return WalmartSandboxError(status: 400, code: "MISSING_REQUEST_HEADER", field: "WM_SVC.NAME",
                                       description: "WM_SVC.NAME is required", category: "REQUEST")
        }
        if let accept = request.header("Accept")?.lowercased(), !accept.contains("json"), !accept.contains("*/*") {
            return WalmartSandboxError(status: 406, code: "INVALID_ACCEPT_TYPE", field: "Accept",
                                       description: "only application/json is served", category: "REQUEST")
        }
        if route.operation == "tokenAPI" { return nil }
        guard let token = request.header("WM_SEC.ACCESS_TOKEN"), !token.isEmpty else {
            return .unauthorized("WM_SEC.ACCESS_TOKEN is required")
        }
        guard let expiresAt = world.tokens[token] else { return .unauthorized("the access token is not valid") }
        guard expiresAt > now else {
            world.tokens[token] = nil
            return .unauthorized("the access token has expired")
        }
        return nil
    }

    /// The operation itself.
    func serve(_ request: WireRequest, route: WalmartSandboxRoute, query: [String: String], world: inout WalmartSandboxState,
               now: Int64) -> WireResponse {
        let result: Result<WireResponse, WalmartSandboxError>
        switch route.operation {
        case "tokenAPI": result = issueToken(request, world: &world, now: now)
        case "getTokenDetail": result = tokenDetail(request, world: world)
        case "updateInventoryForAnItem": result = Self.updateInventory(request, query: query, world: &world)
        case "getInventory": result = Self.getInventory(query: query, world: world)
        case "updatePrice": result = Self.updatePrice(request, world: &world)
        case "updateBulkInventory", "priceBulkUploads": result = Self.submitFeed(request, query: query, world: &world, now: now)
        case "getFeedItemStatus": result = Self.feedStatus(route.feedID ?? "", query: query, world: world, now: now)
        case "getAllFeedStatuses": result = Self.allFeeds(query: query, world: world, now: now)
        case "getAllOrders": result = Self.listOrders(query: query, world: world, now: now, releasedOnly: false)
        case "getAllReleasedOrders": result = Self.listOrders(query: query, world: world, now: now, releasedOnly: true)
        case "getAnOrder": result = Self.getOrder(route.purchaseOrderID ?? "", world: world)
        case "acknowledgeOrders": result = Self.acknowledge(route.purchaseOrderID ?? "", world: &world, now: now)
        case "shippingUpdates": result = Self.ship(route.purchaseOrderID ?? "", request, world: &world, now: now)
        case "cancelOrderLines": result = Self.cancel(route.purchaseOrderID ?? "", request, world: &world, now: now)
        case "refundOrderLines": result = Self.refund(route.purchaseOrderID ?? "", request, world: &world, now: now)
        case "getAllSubscriptions": result = Self.listSubscriptions(query: query, world: world)
        case "createSubscription": result = Self.createSubscriptions(request, world: &world)
        case "deleteSubscription": result = Self.deleteSubscription(route.subscriptionID ?? "", world: &world)
        default: result = .failure(WalmartSandboxError(status: 404, code: "URI_NOT_FOUND", description: "not served", category: "REQUEST"))
        }
        switch result {
        case let .success(response): return response
        case let .failure(error): return error.response
        }
    }

    // MARK: Tokens

    /// `tokenAPI`: Basic auth with the client's id and secret, a form body with `grant_type=client_credentials`;
    /// answers `{access_token, token_type: "Bearer", expires_in: 900}`.
    func issueToken(_ request: WireRequest, world: inout WalmartSandboxState, now: Int64) -> Result<WireResponse, WalmartSandboxError> {
        let expected = Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
        guard let authorization = request.header("Authorization"), authorization.hasPrefix("Basic "),
              authorization.dropFirst(6).trimmingWhitespace() == expected else {
            return .failure(.unauthorized("client id or client secret not valid"))
        }
        let form = String(decoding: request.body, as: UTF8.self).split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
        guard form.contains(where: { $0 == ["grant_type", "client_credentials"] }) else {
            return .failure(WalmartSandboxError(status: 400, code: "INVALID_REQUEST_PARAM", field: "grant_type",
                                                description: "grant_type must be client_credentials", category: "REQUEST"))
        }
        world.tokensIssued += 1
        let token = "wm-sandbox-token-\(world.tokensIssued)-\(now)"
        world.tokens = world.tokens.filter { $0.value > now }
        world.tokens[token] = now + Self.tokenLifetime * 1000
        return .success(Self.json(200, ["access_token": token, "token_type": "Bearer", "expires_in": Self.tokenLifetime]))
    }

    /// `getTokenDetail`: the token's times and the scopes (every one `full_access`).
    func tokenDetail(_ request: WireRequest, world: WalmartSandboxState) -> Result<WireResponse, WalmartSandboxError> {
        let expiresAt = request.header("WM_SEC.ACCESS_TOKEN").flatMap { world.tokens[$0] } ?? 0
        let scopes = Dictionary(uniqueKeysWithValues: ["item", "price", "inventory", "orders", "feeds", "reports", "returns", "content"]
            .map { ($0, "full_access") })
        return .success(Self.json(200, [
            "expire_at": String(expiresAt), "issued_at": String(expiresAt - Self.tokenLifetime * 1000),
            "is_valid": true, "is_channel_match": true, "scopes": scopes,
        ]))
    }

    // MARK: Faults and throttling

    /// 429 `REQUEST_THRESHOLD_VIOLATED` with `Retry-After`, and the token headers Walmart's supplier APIs send.
    static func throttle(retryAfter seconds: Int, now: Int64) -> WalmartSandboxError {
        WalmartSandboxError(status: 429, code: "REQUEST_THRESHOLD_VIOLATED", description: "request threshold violated, try again later",
                            category: "REQUEST", headers: [
                                HeaderField("Retry-After", String(seconds)), HeaderField("X-Current-Token-Count", "0"),
                                HeaderField("X-Next-Replenishment-Time", String(now + Int64(seconds) * 1000)),
                            ])
    }

    /// Consumes one use of the first armed fault matching the call, if any.
    static func takeFault(_ world: inout WalmartSandboxState, operation: String, sku: String?, purchaseOrderID: String?) -> WalmartSandboxFault? {
        guard let index = world.faults.firstIndex(where: { $0.matches(operation: operation, sku: sku, purchaseOrderID: purchaseOrderID) }) else {
            return nil
        }
        let fault = world.faults[index]
        world.faults[index].times -= 1
        if world.faults[index].times <= 0 { world.faults.remove(at: index) }
        return fault
    }

    /// A reverse proxy's page when Walmart is away, marked `X-Sandbox-Fault: html` so a check of exchanges against
    /// Walmart's documents knows it is not Walmart's answer.
    static func gatewayPage(status: Int) -> WireResponse {
        let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
            + "</body>\r\n</html>\r\n"
        return WireResponse(status: status, headers: [HeaderField("Content-Type", "text/html"), HeaderField("X-Sandbox-Fault", "html")],
                            body: Data(page.utf8))
    }

    /// `response` with the first half of its body only, as a dropped connection leaves it, marked
    /// `X-Sandbox-Fault: truncated`.
    static func truncated(_ response: WireResponse) -> WireResponse {
        var cut = response
        cut.body = response.body.prefix(min(response.body.count / 2, max(response.body.count - 1, 0)))
        cut.headers.append(HeaderField("X-Sandbox-Fault", "truncated"))
        return cut
    }
}
