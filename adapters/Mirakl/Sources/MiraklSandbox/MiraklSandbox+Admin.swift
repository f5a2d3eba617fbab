internal import Foundation
internal import MarketSync
internal import Mirakl

/// The `/_sandbox/` admin endpoints (JSON in, JSON out; no key needed): look at the world, seed offers, add orders
/// and move them along, arm faults and limits, change settings, reset.
extension MiraklSandbox {
    func admin(_ method: String, _ path: String, _ body: Data) -> WireResponse {
        switch (method, path) {
        case ("GET", "/_sandbox/state"): return adminState()
        case ("POST", "/_sandbox/reset"):
            reset()
            return Self.json(200, ["reset": true])
        case ("POST", "/_sandbox/offers"): return adminOffers(body)
        case ("POST", "/_sandbox/orders"): return adminOrders(body)
        case ("POST", "/_sandbox/orders/state"): return adminOrderState(body)
        case ("POST", "/_sandbox/orders/debit"): return adminDebit(body)
        case ("POST", "/_sandbox/orders/refund"): return adminRefund(body)
        case ("POST", "/_sandbox/orders/refund/complete"): return adminCompleteRefunds(body)
        case ("POST", "/_sandbox/import_faults"): return adminImportFault(body)
        case ("POST", "/_sandbox/faults"): return adminFaults(body)
        case ("POST", "/_sandbox/limits"): return adminLimits(body)
        case ("DELETE", "/_sandbox/limits"):
            mutate { world, _ in world.limits = [:] }
            return Self.json(200, ["limits": [String: Int]()])
        case ("POST", "/_sandbox/settings"): return adminSettings(body)
        default: return Self.json(404, ["error": "no such admin endpoint: \(method) \(path)"])
        }
    }

    /// `GET /_sandbox/state`: the whole world, imports applied up to now.
    func adminState() -> WireResponse {
        let world = mutate { world, _ in world }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let body = try? encoder.encode(world) else { return Self.json(500, ["error": "cannot encode state"]) }
        return WireResponse(status: 200, headers: [HeaderField("Content-Type", "application/json")], body: body)
    }

    /// `POST /_sandbox/offers`: `[{shop_sku, price, quantity, description, …}]` (OF24 fields) put on the shelf as
    /// offers that already exist; `product_id` defaults to the SKU, `product_id_type` to `SHOP_SKU`, `state_code` to 11.
    func adminOffers(_ body: Data) -> WireResponse {
        guard let list = Self.list(body, key: "offers") else { return Self.json(400, ["error": "body must be a JSON array of offers"]) }
        var lines: [MiraklSandboxOfferLine] = []
        for (index, entry) in list.enumerated() {
            guard let object = entry as? [String: Any], let line = MiraklSandboxOfferLine(json: object), line.problem == nil else {
                return Self.json(400, ["error": "offers[\(index)]: needs shop_sku and OF24's field types"])
            }
            lines.append(line)
        }
        let stored: [Int64] = mutate { world, _ in
            lines.map { line in
                let id = world.offers[line.shopSKU]?.offerID ?? world.nextOfferID
                if world.offers[line.shopSKU] == nil { world.nextOfferID += 1 }
                let base = MiraklSandboxOffer(offerID: id, shopSKU: line.shopSKU, productID: line.productID ?? line.shopSKU,
                                              productIDType: line.productIDType ?? "SHOP_SKU", price: nil, quantity: 0,
                                              stateCode: line.stateCode ?? "11", allowQuoteRequests: false, additionalFields: [:])
                world.offers[line.shopSKU] = base.applying(line)
                return id
            }
        }
        return Self.json(200, ["stored": stored.count, "offer_ids": stored])
    }

    /// `POST /_sandbox/orders`: `[{order_id, state (default WAITING_ACCEPTANCE), created_date, last_updated_date (ISO
    /// 8601 or Unix seconds; default now), has_incident, currency, order_lines: [{order_line_id (default
    /// <order_id>-<n>), offer_sku, offer_id, quantity, price_unit, state (default the order's)}]}]`; adds or replaces by
    /// `order_id`.
    func adminOrders(_ body: Data) -> WireResponse {
        guard let list = Self.list(body, key: "orders") else { return Self.json(400, ["error": "body must be a JSON array of orders"]) }
        let now = Self.unixSeconds(clock.now())
        var orders: [MiraklSandboxOrder] = []
        for (index, entry) in list.enumerated() {
            switch Self.order(entry, now: now, currency: state.settings.currency) {
            case let .success(order): orders.append(order)
            case let .failure(problem): return Self.json(400, ["error": "orders[\(index)]: \(problem.message)"])
            }
        }
        mutate { world, _ in
            for order in orders { world.orders[order.orderID] = order }
        }
        return Self.json(200, ["stored": orders.count])
    }

    /// `POST /_sandbox/orders/state`: `{order_id, state, line_id}`: the order (and its live lines) or one line moves
    /// to `state`, any text (one the adapter never heard of included); `has_incident` may be set too.
    func adminOrderState(_ body: Data) -> WireResponse {
        guard let object = Self.object(body), let id = object["order_id"] as? String else {
            return Self.json(400, ["error": "body must be {\"order_id\", \"state\", \"line_id\" (optional), \"has_incident\" (optional)}"])
        }
        let state = object["state"] as? String
        let lineID = object["line_id"] as? String
        let incident = object["has_incident"] as? Bool
        let result: String? = mutate { world, now in
            guard var order = world.orders[id] else { return "order \(id) not found" }
            if let lineID {
                guard let index = order.lines.firstIndex(where: { $0.id == lineID }) else { return "line \(lineID) not found" }
                if let state { order.lines[index].state = state }
                order.updatedAt = now
            } else if let state {
                order.move(to: state, at: now)
            }
            if let incident {
                order.hasIncident = incident
                order.updatedAt = now
            }
            world.orders[id] = order
            return nil
        }
        if let result { return Self.json(404, ["error": result]) }
        return Self.json(200, ["updated": id])
    }

    /// `POST /_sandbox/orders/debit`: `{order_id}`: the customer is debited, `WAITING_DEBIT_PAYMENT` → `SHIPPING`.
    func adminDebit(_ body: Data) -> WireResponse {
        guard let id = Self.object(body)?["order_id"] as? String else { return Self.json(400, ["error": "body must be {\"order_id\"}"]) }
        let result: String? = mutate { world, now in
            guard var order = world.orders[id] else { return "order \(id) not found" }
            guard order.state == "WAITING_DEBIT_PAYMENT" || order.state == "WAITING_DEBIT" else {
                return "order \(id) is \(order.state), not waiting for the debit"
            }
            order.move(to: "SHIPPING", at: now)
            order.debitedAt = now
            world.orders[id] = order
            return nil
        }
        if let result { return Self.json(409, ["error": result]) }
        return Self.json(200, ["debited": id])
    }

    /// `POST /_sandbox/orders/refund`: `{line_id, amount, quantity, state (default WAITING_REFUND)}`: a refund on a line.
    func adminRefund(_ body: Data) -> WireResponse {
        guard let object = Self.object(body), let lineID = object["line_id"] as? String else {
            return Self.json(400, ["error": "body must be {\"line_id\", \"amount\", \"quantity\", \"state\"}"])
        }
        let amount = (object["amount"] as? NSNumber)?.doubleValue ?? 0
        let quantity = (object["quantity"] as? NSNumber)?.int64Value ?? 1
        let state = object["state"] as? String ?? "WAITING_REFUND"
        let id: String? = mutate { world, now in Self.addRefund(&world, line: lineID, amount: amount, quantity: quantity, state: state, now: now) }
        guard let id else { return Self.json(404, ["error": "line \(lineID) not found"]) }
        return Self.json(200, ["refund_id": id])
    }

    /// `POST /_sandbox/orders/refund/complete`: `{order_id}`: every waiting refund of the order is `REFUNDED`, and so is
    /// each line that had one.
    func adminCompleteRefunds(_ body: Data) -> WireResponse {
        guard let id = Self.object(body)?["order_id"] as? String else { return Self.json(400, ["error": "body must be {\"order_id\"}"]) }
        let found: Bool = mutate { world, now in
            guard var order = world.orders[id] else { return false }
            for line in order.lines.indices where !order.lines[line].refunds.isEmpty {
                for refund in order.lines[line].refunds.indices { order.lines[line].refunds[refund].state = "REFUNDED" }
                order.lines[line].state = "REFUNDED"
            }
            if order.lines.allSatisfy({ $0.state == "REFUNDED" }) { order.state = "REFUNDED" }
            order.updatedAt = now
            world.orders[id] = order
            return true
        }
        return found ? Self.json(200, ["refunded": id]) : Self.json(404, ["error": "order \(id) not found"])
    }

    /// `POST /_sandbox/import_faults`: `{"fail_skus": {"SKU": "message"}, "fail_import": "reason"}`: the next OF24 import
    /// fails those lines (reported in OF03) or fails whole (`FAILED` with `reason_status`).
    func adminImportFault(_ body: Data) -> WireResponse {
        guard let fault = try? JSONDecoder().decode(MiraklSandboxState.ImportFault.self, from: body),
              fault.failSKUs != nil || fault.failImport != nil else {
            return Self.json(400, ["error": "body must be {\"fail_skus\": {sku: message}} or {\"fail_import\": reason}"])
        }
        mutate { world, _ in world.importFault = fault }
        return Self.json(200, ["armed": true])
    }

    /// `POST /_sandbox/faults`: `[{"call": "OF24"|"OR11"|…|"*", "kind": "throttle"|"error"|"html"|"truncated", "times",
    /// "status", "retry_after", "message"}]` (or one object): each answers the next `times` matching calls.
    func adminFaults(_ body: Data) -> WireResponse {
        let trimmed = body.first { !($0 == 32 || $0 == 10 || $0 == 13 || $0 == 9) }
        let decoder = JSONDecoder()
        let faults: [MiraklSandboxFault]
        do {
            faults = trimmed == UInt8(ascii: "{") ? [try decoder.decode(MiraklSandboxFault.self, from: body)]
                : try decoder.decode([MiraklSandboxFault].self, from: body)
        } catch {
            return Self.json(400, ["error": "body must be a fault or a list of faults, each with kind: throttle, error, html or truncated"])
        }
        let count = mutate { world, _ in
            world.faults += faults
            return world.faults.count
        }
        return Self.json(200, ["armed": count])
    }

    /// `POST /_sandbox/limits`: `{"OF24": 60, "OR11": 60}`: the shortest time between two calls of each kind, in
    /// seconds; a faster call is answered 429 with the seconds left in `Retry-After`. `DELETE` lifts them.
    func adminLimits(_ body: Data) -> WireResponse {
        guard let limits = try? JSONDecoder().decode([String: Int].self, from: body), limits.values.allSatisfy({ $0 >= 0 }) else {
            return Self.json(400, ["error": "body must be {\"OF24\": seconds, …}"])
        }
        let all = mutate { world, _ in
            world.limits.merge(limits) { _, new in new }
            return world.limits
        }
        return Self.json(200, ["limits": all])
    }

    /// `POST /_sandbox/settings`: any of `waiting_seconds`, `running_seconds` (how long an import waits, then runs),
    /// `order_delta_seconds`, `partial_acceptance`, `debit_on_acceptance`, `currency`.
    func adminSettings(_ body: Data) -> WireResponse {
        guard let object = Self.object(body) else { return Self.json(400, ["error": "body must be a JSON object of settings"]) }
        let known: Set<String> = ["waiting_seconds", "running_seconds", "order_delta_seconds", "partial_acceptance",
                                  "debit_on_acceptance", "currency"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            return Self.json(400, ["error": "unknown setting \(unknown)"])
        }
        let settings: MiraklSandboxState.Settings = mutate { world, _ in
            var settings = world.settings
            if let value = (object["waiting_seconds"] as? NSNumber)?.int64Value { settings.waitingSeconds = max(0, value) }
            if let value = (object["running_seconds"] as? NSNumber)?.int64Value { settings.runningSeconds = max(0, value) }
            if let value = (object["order_delta_seconds"] as? NSNumber)?.int64Value { settings.orderDeltaSeconds = max(0, value) }
            if let value = object["partial_acceptance"] as? Bool { settings.partialAcceptance = value }
            if let value = object["debit_on_acceptance"] as? Bool { settings.debitOnAcceptance = value }
            if let value = object["currency"] as? String { settings.currency = value }
            world.settings = settings
            return settings
        }
        let encoded = (try? JSONEncoder().encode(settings)).flatMap { try? JSONSerialization.jsonObject(with: $0) } ?? [:]
        return Self.json(200, ["settings": encoded])
    }

    // MARK: Reading admin bodies

    struct AdminProblem: Error {
        var message: String
    }

    /// A JSON array, or the array under `key` of an object.
    static func list(_ body: Data, key: String) -> [Any]? {
        let object = try? JSONSerialization.jsonObject(with: body)
        return (object as? [Any]) ?? ((object as? [String: Any])?[key] as? [Any])
    }

    /// A date given as ISO 8601 text or Unix seconds.
    static func instant(_ value: Any?) -> Int64? {
        if let text = value as? String { return MiraklTime.parse(text).map(unixSeconds) }
        if let number = value as? NSNumber, !(value is Bool) { return number.int64Value }
        return nil
    }

    static func order(_ entry: Any, now: Int64, currency: String) -> Result<MiraklSandboxOrder, AdminProblem> {
        guard let object = entry as? [String: Any] else { return .failure(AdminProblem(message: "not an object")) }
        guard let id = object["order_id"] as? String, !id.isEmpty else { return .failure(AdminProblem(message: "order_id missing")) }
        let state = object["state"] as? String ?? object["order_state"] as? String ?? "WAITING_ACCEPTANCE"
        let created = object["created_date"].map(instant) ?? now
        let updated = object["last_updated_date"].map(instant) ?? created
        guard let created, let updated else { return .failure(AdminProblem(message: "dates must be ISO 8601 or Unix seconds")) }
        guard let entries = object["order_lines"] as? [Any], !entries.isEmpty else {
            return .failure(AdminProblem(message: "order_lines must not be empty"))
        }
        var lines: [MiraklSandboxOrder.Line] = []
        for (index, element) in entries.enumerated() {
            guard let line = element as? [String: Any], let sku = line["offer_sku"] as? String, !sku.isEmpty,
                  let quantity = (line["quantity"] as? NSNumber)?.int64Value, quantity > 0 else {
                return .failure(AdminProblem(message: "order_lines[\(index)] needs offer_sku and quantity > 0"))
            }
            let price: String
            switch line["price_unit"] {
            case nil: price = "0.00"
            case let text as String:
                guard let money = Money.parseDecimal(text, currency: Currency(rawValue: currency)) else {
                    return .failure(AdminProblem(message: "order_lines[\(index)].price_unit must be a decimal"))
                }
                price = money.decimalString
            case let number as NSNumber:
                price = Money(minorUnits: Int64((number.doubleValue * 100).rounded()), currency: Currency(rawValue: currency)).decimalString
            default:
                return .failure(AdminProblem(message: "order_lines[\(index)].price_unit must be a decimal"))
            }
            lines.append(.init(id: line["order_line_id"] as? String ?? "\(id)-\(index + 1)", offerSKU: sku,
                               offerID: (line["offer_id"] as? NSNumber)?.int64Value, quantity: quantity, priceUnit: price,
                               state: line["state"] as? String ?? state, refunds: []))
        }
        return .success(MiraklSandboxOrder(
            orderID: id, state: state, createdAt: created, updatedAt: updated, hasIncident: object["has_incident"] as? Bool ?? false,
            currency: object["currency"] as? String ?? currency, lines: lines, carrierCode: nil, carrierName: nil,
            trackingNumber: object["tracking_number"] as? String, acceptedAt: nil, debitedAt: nil, shippedAt: nil))
    }
}
