internal import Foundation
internal import MarketSync
internal import MarketSyncSandbox
internal import Synchronization
internal import Walmart

/// The `/_sandbox/` admin endpoints (JSON in, JSON out): look at the world, add and change orders, arm faults and
/// feed outcomes, let tokens run out, set the limits and the rate limit, list webhook subscriptions and deliveries,
/// deliver each event twice, reset.
extension WalmartSandbox {
    func admin(_ request: WireRequest, path: String) -> WireResponse {
        let method = request.method.uppercased()
        let body: Any? = request.body.isEmpty ? nil : try? JSONSerialization.jsonObject(with: request.body)
        switch (method, path) {
        case ("GET", "/_sandbox/state"): return adminState()
        case ("POST", "/_sandbox/reset"):
            reset()
            return Self.json(200, ["reset": true])
        case ("GET", "/_sandbox/rate_limit"): return adminRateLimit()
        case ("POST", "/_sandbox/rate_limit"): return adminSetRateLimit(body)
        case ("DELETE", "/_sandbox/rate_limit"):
            setRateLimit(nil)
            return adminRateLimit()
        case ("POST", "/_sandbox/faults"): return adminDecode(request.body, as: WalmartSandboxFault.self) { faults, world in
            world.faults += faults
            return ["armed": world.faults.count]
        }
        case ("POST", "/_sandbox/feeds/outcomes"): return adminDecode(request.body, as: WalmartSandboxFeedOutcome.self) { outcomes, world in
            world.feedOutcomes += outcomes
            return ["armed": world.feedOutcomes.count]
        }
        case ("POST", "/_sandbox/feeds/fail"):
            let times = (body as? [String: Any]).flatMap { WalmartJSON.wholeNumber($0["times"]) } ?? 1
            let armed = mutate { world, _ in
                world.failingFeeds += Int(max(times, 0))
                return world.failingFeeds
            }
            return Self.json(200, ["failing_feeds": armed])
        case ("POST", "/_sandbox/tokens/expire"):
            let expired = mutate { world, _ in
                defer { world.tokens.removeAll() }
                return world.tokens.count
            }
            return Self.json(200, ["expired": expired])
        case ("POST", "/_sandbox/limits"): return adminSetLimits(body)
        case ("POST", "/_sandbox/orders"): return adminAddOrders(body)
        case ("POST", "/_sandbox/orders/status"): return adminSetStatus(body)
        case ("POST", "/_sandbox/orders/cancel"): return adminCancel(body)
        case ("POST", "/_sandbox/orders/refund"): return adminRefund(body)
        case ("GET", "/_sandbox/webhooks/deliveries"): return adminDeliveries()
        case ("GET", "/_sandbox/webhooks/subscriptions"):
            return Self.json(200, ["subscriptions": state.subscriptions.values.sorted { $0.subscriptionID < $1.subscriptionID }.map(\.json)])
        case ("POST", "/_sandbox/webhooks/deliver_twice"):
            guard let enabled = (body as? [String: Any])?["enabled"] as? Bool else {
                return Self.json(400, ["error": "body must be {\"enabled\": true|false}"])
            }
            setDeliverTwice(enabled)
            return Self.json(200, ["deliver_twice": enabled])
        default:
            return Self.json(404, ["error": "no such admin endpoint: \(method) \(path)"])
        }
    }

    /// `GET /_sandbox/state`: the whole world.
    func adminState() -> WireResponse {
        let world = mutate { world, _ in world }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let body = try? encoder.encode(world) else { return Self.json(500, ["error": "cannot encode state"]) }
        return WireResponse(status: 200, headers: [HeaderField("Content-Type", "application/json")], body: body)
    }

    /// `GET /_sandbox/webhooks/deliveries`: `{"deliveries": [{event_id, event_type, purchase_order_id, subscription_id,
    /// attempt, status, answer, repeated, sent_at}]}`, oldest first.
    func adminDeliveries() -> WireResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        struct Body: Encodable { var deliveries: [WalmartSandboxDelivery] }
        guard let body = try? encoder.encode(Body(deliveries: state.webhookDeliveries)) else {
            return Self.json(500, ["error": "cannot encode the deliveries"])
        }
        return WireResponse(status: 200, headers: [HeaderField("Content-Type", "application/json")], body: body)
    }

    /// `GET /_sandbox/rate_limit`: `{"per_second": R, "burst": B}`, or nulls when calls are not limited.
    func adminRateLimit() -> WireResponse {
        guard let limit = store.withLock({ $0.bucket?.limit }) else { return Self.json(200, ["per_second": NSNull(), "burst": NSNull()]) }
        return Self.json(200, ["per_second": limit.requestsPerSecond, "burst": limit.burst])
    }

    /// `POST /_sandbox/rate_limit`: `{"per_second": R, "burst": B}` limits every `/v3/` call from now on (429 with
    /// `Retry-After` above it); `DELETE` lifts the limit.
    func adminSetRateLimit(_ body: Any?) -> WireResponse {
        let object = body as? [String: Any] ?? [:]
        guard let perSecond = (object["per_second"] as? NSNumber)?.doubleValue, perSecond.isFinite, perSecond > 0 else {
            return Self.json(400, ["error": "per_second must be a number above 0"])
        }
        let burst = WalmartJSON.wholeNumber(object["burst"]).map { Int(max($0, 1)) } ?? max(1, Int(perSecond.rounded(.up)))
        setRateLimit(RateLimit(requestsPerSecond: perSecond, burst: burst))
        return adminRateLimit()
    }

    /// `POST /_sandbox/limits`: any of `{"received_seconds", "processing_seconds", "max_feed_bytes", "feeds_per_hour"}`
    /// (`feeds_per_hour: null` lifts that limit).
    func adminSetLimits(_ body: Any?) -> WireResponse {
        guard let object = body as? [String: Any] else { return Self.json(400, ["error": "body must be a JSON object"]) }
        let limits = mutate { world, _ -> WalmartSandboxState.Limits in
            if let value = WalmartJSON.wholeNumber(object["received_seconds"]) { world.limits.receivedSeconds = max(value, 0) }
            if let value = WalmartJSON.wholeNumber(object["processing_seconds"]) { world.limits.processingSeconds = max(value, 0) }
            if let value = WalmartJSON.wholeNumber(object["max_feed_bytes"]) { world.limits.maxFeedBytes = Int(max(value, 1)) }
            if object["feeds_per_hour"] is NSNull { world.limits.feedsPerHour = nil }
            if let value = WalmartJSON.wholeNumber(object["feeds_per_hour"]) { world.limits.feedsPerHour = Int(max(value, 0)) }
            return world.limits
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return WireResponse(status: 200, headers: [HeaderField("Content-Type", "application/json")],
                            body: (try? encoder.encode(limits)) ?? Data("{}".utf8))
    }

    /// Decodes one `T` or a list of them from `body` and hands them to `apply` under the lock.
    func adminDecode<T: Decodable>(_ body: Data, as type: T.Type, apply: ([T], inout WalmartSandboxState) -> [String: Any]) -> WireResponse {
        let first = body.first { !($0 == 32 || $0 == 10 || $0 == 13 || $0 == 9) }
        let decoder = JSONDecoder()
        let values: [T]
        do {
            values = first == UInt8(ascii: "{") ? [try decoder.decode(T.self, from: body)] : try decoder.decode([T].self, from: body)
        } catch {
            return Self.json(400, ["error": "body must be one \(T.self) or a list of them: \(error)"])
        }
        let answer = mutate { world, _ in apply(values, &world) }
        return Self.json(200, answer)
    }

    /// `POST /_sandbox/orders`: `[{purchase_order_id, customer_order_id, order_date, last_modified, lines: [{line_number,
    /// sku, product_name, quantity, price, currency, status, status_date}]}]` (or `{"orders": [...]}`); dates as epoch
    /// milliseconds or `yyyy-MM-ddTHH:mm:ssZ`, by default now; a line's status `Created` by default (any text is
    /// kept, so an order can carry a status the adapter does not know). Adds or replaces by `purchase_order_id`.
    func adminAddOrders(_ body: Any?) -> WireResponse {
        guard let list = (body as? [Any]) ?? ((body as? [String: Any])?["orders"] as? [Any]) else {
            return Self.json(400, ["error": "body must be a JSON array of orders"])
        }
        let now = Self.milliseconds(clock.now())
        var orders: [WalmartSandboxOrder] = []
        for (index, entry) in list.enumerated() {
            switch Self.order(from: entry, now: now) {
            case let .success(order): orders.append(order)
            case let .failure(problem): return Self.json(400, ["error": "orders[\(index)]: \(problem)"])
            }
        }
        // A purchase order new to the sandbox is a `PO_CREATED` event; one replaced is not.
        let jobs = mutate { world, now -> [WalmartSandboxWebhookJob] in
            var jobs: [WalmartSandboxWebhookJob] = []
            for order in orders {
                let isNew = world.orders[order.purchaseOrderID] == nil
                world.orders[order.purchaseOrderID] = order
                if isNew { jobs += Self.webhookJobs("PO_CREATED", order: order, world: &world, now: now) }
            }
            return jobs
        }
        queue(jobs)
        return Self.json(200, ["stored": orders.count, "purchase_order_ids": orders.map(\.purchaseOrderID)])
    }

    static func order(from entry: Any, now: Int64) -> Result<WalmartSandboxOrder, AdminProblem> {
        guard let object = entry as? [String: Any] else { return .failure(AdminProblem("not an object")) }
        guard let id = WalmartJSON.string(object["purchase_order_id"]) ?? WalmartJSON.wholeNumber(object["purchase_order_id"]).map(String.init),
              !id.isEmpty else {
            return .failure(AdminProblem("purchase_order_id missing"))
        }
        guard let orderDate = instant(object["order_date"], default: now) else { return .failure(AdminProblem("order_date must be epoch ms or ISO 8601")) }
        guard let lastModified = instant(object["last_modified"], default: orderDate) else {
            return .failure(AdminProblem("last_modified must be epoch ms or ISO 8601"))
        }
        var lines: [WalmartSandboxOrder.Line] = []
        for (index, entry) in (object["lines"] as? [Any] ?? []).enumerated() {
            let line = entry as? [String: Any] ?? [:]
            guard let sku = WalmartJSON.string(line["sku"]), !sku.isEmpty,
                  let quantity = WalmartJSON.wholeNumber(line["quantity"] ?? 1), quantity > 0 else {
                return .failure(AdminProblem("lines[\(index)] needs sku and quantity > 0"))
            }
            let price: Int64
            switch line["price"] {
            case nil: price = 0
            case let text as String:
                guard let money = Money.parseDecimal(text, currency: .usd) else { return .failure(AdminProblem("lines[\(index)].price must be a decimal")) }
                price = money.minorUnits
            case let value:
                guard let hundredths = WalmartJSON.hundredths(value) else { return .failure(AdminProblem("lines[\(index)].price must be a decimal")) }
                price = hundredths
            }
            guard let statusDate = instant(line["status_date"], default: lastModified) else {
                return .failure(AdminProblem("lines[\(index)].status_date must be epoch ms or ISO 8601"))
            }
            let status = WalmartJSON.string(line["status"]) ?? "Created"
            lines.append(.init(lineNumber: WalmartJSON.string(line["line_number"]) ?? WalmartJSON.wholeNumber(line["line_number"]).map(String.init)
                                   ?? String(index + 1),
                               sku: sku, productName: WalmartJSON.string(line["product_name"]) ?? "Sandbox item \(sku)",
                               quantity: quantity, price: price, currency: WalmartJSON.string(line["currency"]) ?? "USD",
                               statuses: [.init(status: status, quantity: quantity)], statusDate: statusDate, refund: nil))
        }
        guard !lines.isEmpty else { return .failure(AdminProblem("lines must not be empty")) }
        return .success(WalmartSandboxOrder(purchaseOrderID: id, customerOrderID: WalmartJSON.string(object["customer_order_id"]) ?? "C\(id)",
                                            orderDate: orderDate, lastModified: lastModified, lines: lines))
    }

    /// `POST /_sandbox/orders/status`: `{purchase_order_id, line_number, status, quantity, modified_at}`: the line's
    /// units (all by default) take `status`, whatever its text (`OnHold`, `Canceled`, a status never documented).
    func adminSetStatus(_ body: Any?) -> WireResponse {
        changeLines(body) { order, index, object, now in
            guard let status = WalmartJSON.string(object["status"]), !status.isEmpty else { return "status missing" }
            let quantity = WalmartJSON.wholeNumber(object["quantity"]) ?? order.lines[index].quantity
            order.lines[index].statuses = [.init(status: status, quantity: quantity)]
            order.lines[index].statusDate = now
            return nil
        }
    }

    /// `POST /_sandbox/orders/cancel`: `{purchase_order_id, line_number (all lines when absent), reason, spelling,
    /// modified_at}`: Walmart cancels the line's units not yet shipped (auto-cancellation, a buyer's request);
    /// `spelling` is `Cancelled` by default (`Canceled`, `CANCELLED`: the spellings the sources disagree on).
    func adminCancel(_ body: Any?) -> WireResponse {
        // Each line cancelled is a `PO_LINE_AUTOCANCELLED` event.
        var cancelled: [String] = []
        let response = changeLines(body) { order, index, object, now in
            defer { cancelled.append(order.lines[index].lineNumber) }
            let spelling = WalmartJSON.string(object["spelling"]) ?? "Cancelled"
            let units = order.lines[index].statuses.filter { ["created", "acknowledged"].contains($0.status.lowercased()) }.reduce(0) { $0 + $1.quantity }
            guard units > 0 else { return "line \(order.lines[index].lineNumber) has nothing left to cancel" }
            _ = order.move(line: index, quantity: units, from: ["created", "acknowledged"],
                           to: .init(status: spelling, quantity: 0, cancellationReason: WalmartJSON.string(object["reason"])))
            order.lines[index].statusDate = now
            return nil
        }
        if response.status == 200, let id = (body as? [String: Any]).flatMap({ WalmartJSON.string($0["purchase_order_id"]) }) {
            let jobs = mutate { world, now -> [WalmartSandboxWebhookJob] in
                guard let order = world.orders[id] else { return [] }
                return cancelled.flatMap { Self.webhookJobs("PO_LINE_AUTOCANCELLED", order: order, lines: [$0], world: &world, now: now) }
            }
            queue(jobs)
        }
        return response
    }

    /// `POST /_sandbox/orders/refund`: `{purchase_order_id, line_number, amount, reason, status, modified_at}`: the line
    /// gets a `refund` block (and, with `status`, its shipped units that status, e.g. `Refund`).
    func adminRefund(_ body: Any?) -> WireResponse {
        changeLines(body) { order, index, object, now in
            let line = order.lines[index]
            let amount = (object["amount"]).flatMap(WalmartJSON.hundredths) ?? -line.price
            order.lines[index].refund = .init(refundID: "R-\(order.purchaseOrderID)-\(line.lineNumber)",
                                              reason: WalmartJSON.string(object["reason"]) ?? "Others", amount: -abs(amount),
                                              comments: WalmartJSON.string(object["comments"]))
            if let status = WalmartJSON.string(object["status"]) {
                order.lines[index].statuses = order.lines[index].statuses.map { current in
                    ["shipped", "delivered"].contains(current.status.lowercased()) ? .init(status: status, quantity: current.quantity) : current
                }
            }
            order.lines[index].statusDate = now
            return nil
        }
    }

    /// Applies `change` to the lines an admin body names (`line_number`, or every line), at `modified_at` (default now).
    private func changeLines(_ body: Any?, _ change: (inout WalmartSandboxOrder, Int, [String: Any], Int64) -> String?) -> WireResponse {
        guard let object = body as? [String: Any], let id = WalmartJSON.string(object["purchase_order_id"]) else {
            return Self.json(400, ["error": "body must name purchase_order_id"])
        }
        let line = WalmartJSON.string(object["line_number"]) ?? WalmartJSON.wholeNumber(object["line_number"]).map(String.init)
        let problem: String? = mutate { world, now in
            guard var order = world.orders[id] else { return "no order \(id)" }
            guard let at = Self.instant(object["modified_at"], default: now) else { return "modified_at must be epoch ms or ISO 8601" }
            let indices = order.lines.indices.filter { line == nil || order.lines[$0].lineNumber == line }
            guard !indices.isEmpty else { return "order \(id) has no line \(line ?? "")" }
            for index in indices {
                if let problem = change(&order, index, object, at) { return problem }
            }
            order.lastModified = at
            world.orders[id] = order
            return nil
        }
        if let problem { return Self.json(400, ["error": problem]) }
        return Self.json(200, ["changed": id])
    }

    /// Epoch milliseconds from a number or an ISO 8601 text; `fallback` when absent; nil when unreadable.
    static func instant(_ value: Any?, default fallback: Int64) -> Int64? {
        guard let value, !(value is NSNull) else { return fallback }
        if let text = value as? String {
            if let number = Int64(text) { return number }
            return WalmartTime.parseQuery(text).map(milliseconds)
        }
        return WalmartJSON.int64(value)
    }

    struct AdminProblem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
