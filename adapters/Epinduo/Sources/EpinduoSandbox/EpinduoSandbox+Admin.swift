internal import Epinduo
internal import Foundation
internal import MarketSync

/// The `/_sandbox/` admin endpoints (JSON in, JSON out): look at the world and its history, add orders, arm
/// faults, make orders change during listings, set the rate limit, reset.
extension EpinduoSandbox {
    /// `GET /_sandbox/state`.
    func adminState() -> WireResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let body = try? encoder.encode(state) else { return Self.json(500, ["error": "cannot encode state"]) }
        return Self.jsonBody(200, body)
    }

    /// `GET /_sandbox/history`: `{"stock": {"<goods_id>:<sku_id>": [q1, q2, …]}, "prices": {…: [fen1, …]}}`, every
    /// value accepted, oldest first (``EpinduoSandboxHistory``).
    func adminHistory() -> WireResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let body = try? encoder.encode(history) else { return Self.json(500, ["error": "cannot encode history"]) }
        return Self.jsonBody(200, body)
    }

    /// `GET /_sandbox/rate_limit` (and the answer of `POST`/`DELETE`): `{"per_second": R, "burst": B}`, or
    /// `{"per_second": null}` when calls are not limited.
    func adminRateLimit() -> WireResponse {
        guard let limit = rateLimit else { return Self.json(200, ["per_second": NSNull(), "burst": NSNull()]) }
        return Self.json(200, ["per_second": limit.requestsPerSecond, "burst": limit.burst])
    }

    /// `POST /_sandbox/rate_limit`: `{"per_second": R, "burst": B}` (R > 0; B ≥ 1, by default R rounded up) limits
    /// router calls from now on, starting with a full bucket; `DELETE` lifts the limit.
    func adminSetRateLimit(_ body: Data) -> WireResponse {
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        guard let number = object["per_second"] as? NSNumber, number.doubleValue.isFinite, number.doubleValue > 0 else {
            return Self.json(400, ["error": "per_second must be a number above 0"])
        }
        let perSecond = number.doubleValue
        let burst: Int
        if object["burst"] == nil || object["burst"] is NSNull {
            burst = max(1, Int(perSecond.rounded(.up)))
        } else {
            guard let value = Self.wholeNumber(object["burst"]), value >= 1, value <= 1_000_000_000 else {
                return Self.json(400, ["error": "burst must be a whole number of at least 1"])
            }
            burst = Int(value)
        }
        setRateLimit(RateLimit(requestsPerSecond: perSecond, burst: burst))
        return adminRateLimit()
    }

    /// `POST /_sandbox/orders`: `[{order_sn, updated_at (Unix seconds), order_status, refund_status, confirm_status,
    /// group_status, items: [{goods_id, sku_id, outer_id, goods_count, goods_price (yuan)}]}]` (or
    /// `{"orders": [...]}`); adds or replaces by `order_sn`. Missing statuses default to a concluded, formed order
    /// awaiting shipment.
    func adminAddOrders(_ body: Data) -> WireResponse {
        let object = try? JSONSerialization.jsonObject(with: body)
        guard let list = (object as? [Any]) ?? ((object as? [String: Any])?["orders"] as? [Any]) else {
            return Self.json(400, ["error": "body must be a JSON array of orders"])
        }
        var orders: [EpinduoSandboxOrder] = []
        for (index, element) in list.enumerated() {
            switch Self.order(from: element) {
            case let .success(order): orders.append(order)
            case let .failure(problem): return Self.json(400, ["error": "orders[\(index)]: \(problem.message)"])
            }
        }
        upsertOrders(orders)
        return Self.json(200, ["stored": orders.count])
    }

    struct AdminProblem: Error {
        var message: String
    }

    static func order(from element: Any) -> Result<EpinduoSandboxOrder, AdminProblem> {
        guard let object = element as? [String: Any] else { return .failure(AdminProblem(message: "not an object")) }
        guard let orderSN = idOrText(object["order_sn"]), !orderSN.isEmpty else {
            return .failure(AdminProblem(message: "order_sn missing"))
        }
        guard let updatedAt = wholeNumber(object["updated_at"]) else {
            return .failure(AdminProblem(message: "updated_at must be Unix seconds"))
        }
        func status(_ key: String, _ fallback: Int) -> Int? {
            object[key] == nil ? fallback : wholeNumber(object[key]).flatMap { Int(exactly: $0) }
        }
        guard let orderStatus = status("order_status", 1), let refundStatus = status("refund_status", 1),
              let confirmStatus = status("confirm_status", 1), let groupStatus = status("group_status", 1) else {
            return .failure(AdminProblem(message: "statuses must be integers"))
        }
        var items: [EpinduoSandboxOrder.Item] = []
        for (index, entry) in ((object["items"] ?? object["item_list"]) as? [Any] ?? []).enumerated() {
            guard let item = entry as? [String: Any], let goodsID = idText(item["goods_id"]), let skuID = idText(item["sku_id"]),
                  let count = wholeNumber(item["goods_count"]), count > 0 else {
                return .failure(AdminProblem(message: "items[\(index)] needs goods_id, sku_id (digits) and goods_count > 0"))
            }
            let price: Int64
            switch item["goods_price"] {
            case nil: price = 0
            case let number as NSNumber where number.doubleValue.isFinite && number.doubleValue >= 0:
                price = Int64((number.doubleValue * 100).rounded())
            case let text as String:
                guard let money = Money.parseDecimal(text, currency: .cny) else {
                    return .failure(AdminProblem(message: "items[\(index)].goods_price must be yuan"))
                }
                price = money.minorUnits
            default:
                return .failure(AdminProblem(message: "items[\(index)].goods_price must be yuan"))
            }
            items.append(.init(goodsID: goodsID, skuID: skuID, outerID: item["outer_id"] as? String, goodsCount: count,
                               goodsPriceFen: price))
        }
        guard !items.isEmpty else { return .failure(AdminProblem(message: "items must not be empty")) }
        return .success(EpinduoSandboxOrder(
            orderSN: orderSN, updatedAt: updatedAt, orderStatus: orderStatus, refundStatus: refundStatus,
            confirmStatus: confirmStatus, groupStatus: groupStatus,
            trackingNumber: object["tracking_number"] as? String, logisticsID: idOrText(object["logistics_id"]), items: items))
    }

    static func idOrText(_ value: Any?) -> String? {
        if let text = value as? String { return text }
        return wholeNumber(value).map(String.init)
    }

    /// `POST /_sandbox/orders/random`: `{"count": N, "updated_at": unix, "seed": S}`: N orders, one line each of
    /// 1–3 units of a SKU the sandbox holds stock for, the same for the same seed and stock.
    func adminRandomOrders(_ body: Data) -> WireResponse {
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        guard let count = Self.wholeNumber(object["count"]), (1...100_000).contains(count) else {
            return Self.json(400, ["error": "count must be 1 to 100000"])
        }
        let updatedAt = Self.wholeNumber(object["updated_at"]) ?? EpinduoTime.unixSeconds(clock.now())
        let seed = UInt64(bitPattern: Self.wholeNumber(object["seed"]) ?? 1)
        let made: [String]? = mutate { world in
            let skus = world.stock.keys.sorted()
            guard !skus.isEmpty else { return nil }
            var random = SplitMix64(seed: seed)
            // The date part of the number follows the platform's `yymmdd-` prefix.
            let prefix = String(EpinduoTime.chinaTimeString(unixSeconds: updatedAt).prefix(10)
                .replacingOccurrences(of: "-", with: "").dropFirst(2))
            var numbers: [String] = []
            for _ in 0..<count {
                var orderSN: String
                repeat {
                    orderSN = "\(prefix)-\(100_000_000_000_000 + random.next() % 900_000_000_000_000)"
                } while world.orders[orderSN] != nil
                guard let key = skus.randomElement(using: &random), let entry = world.stock[key] else { continue }
                let units = Int64(random.next() % 3) + 1
                let price = world.prices[key]?.singlePrice ?? 1000
                world.orders[orderSN] = EpinduoSandboxOrder(
                    orderSN: orderSN, updatedAt: updatedAt,
                    items: [.init(goodsID: entry.goodsID, skuID: entry.skuID, outerID: entry.outerID, goodsCount: units,
                                  goodsPriceFen: price)])
                numbers.append(orderSN)
            }
            return numbers
        }
        guard let made else { return Self.json(409, ["error": "the sandbox holds no stock to make orders for"]) }
        let orders = state.orders
        var changes: [(old: EpinduoSandboxOrder?, new: EpinduoSandboxOrder)] = []
        for orderSN in made {
            if let order = orders[orderSN] { changes.append((old: nil, new: order)) }
        }
        publish(changes)
        return Self.json(200, ["added": made.count, "order_sns": made])
    }

    /// `POST /_sandbox/faults`: `[{"type", "sku_id"|"goods_id"|"order_sn", "error_code", "error_msg", "sub_code",
    /// "times", "http_status", "retry_after", "garble"}]` (or one object); each answers the next `times` matching
    /// calls. `"garble": "html"` answers a gateway's HTML page instead, `"truncated"` serves the call and cuts its
    /// answer off halfway.
    func adminAddFaults(_ body: Data) -> WireResponse {
        let trimmed = body.first { !($0 == 32 || $0 == 10 || $0 == 13 || $0 == 9) }
        let decoder = JSONDecoder()
        let faults: [EpinduoSandboxFault]
        do {
            faults = trimmed == UInt8(ascii: "{")
                ? [try decoder.decode(EpinduoSandboxFault.self, from: body)]
                : try decoder.decode([EpinduoSandboxFault].self, from: body)
        } catch {
            return Self.json(400, ["error": "body must be a fault or a list of faults, each with error_code or garble (html, truncated)"])
        }
        addFaults(faults)
        return Self.json(200, ["armed": state.faults.count])
    }
}

extension EpinduoSandbox {
    /// `GET /_sandbox/order_churn` (and the answer of `POST`/`DELETE`): `{"orders_per_read": N, "times": T}`, or
    /// `{"orders_per_read": null}` when orders stay put during listings.
    func adminOrderChurn() -> WireResponse {
        guard let churn = state.orderChurn else { return Self.json(200, ["orders_per_read": NSNull(), "times": NSNull()]) }
        return Self.json(200, ["orders_per_read": churn.ordersPerRead, "times": churn.times.map { $0 as Any } ?? NSNull()])
    }

    /// `POST /_sandbox/order_churn`: `{"orders_per_read": N (default 1), "times": T (page reads; default every
    /// read)}`: after each order-list page served, the first N orders still in its window are updated out of it.
    func adminSetOrderChurn(_ body: Data) -> WireResponse {
        guard let churn = try? JSONDecoder().decode(EpinduoSandboxOrderChurn.self, from: body.isEmpty ? Data("{}".utf8) : body),
              churn.ordersPerRead >= 1, (churn.times ?? 1) >= 1 else {
            return Self.json(400, ["error": "body must be {\"orders_per_read\": N ≥ 1, \"times\": T ≥ 1 (optional)}"])
        }
        setOrderChurn(churn)
        return adminOrderChurn()
    }
}

/// A small, fast, seedable generator (SplitMix64), so random orders are the same for the same seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension EpinduoSandbox {
    /// `GET /_sandbox/messages`: the message service's admin view, `{"sent": [ids], "acked": [ids], "pending": [ids],
    /// "connections": N, "connections_made": N, "refused": N, "heartbeats": N, "duplicate_next": N}`.
    func adminMessages() -> WireResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let body = try? encoder.encode(messages.snapshot) else { return Self.json(500, ["error": "cannot encode messages"]) }
        return Self.jsonBody(200, body)
    }

    /// `POST /_sandbox/messages/drop`: ends every message-service connection (clients reconnect); answers
    /// `{"dropped": N}`.
    func adminDropMessageConnections() -> WireResponse {
        Self.json(200, ["dropped": messages.dropConnections()])
    }

    /// `POST /_sandbox/messages/duplicate`: `{"times": N}` (default 1): each of the next N messages is sent twice.
    func adminDuplicateMessages(_ body: Data) -> WireResponse {
        let object = (try? JSONSerialization.jsonObject(with: body.isEmpty ? Data("{}".utf8) : body)) as? [String: Any]
        guard let object, let times = object["times"] == nil ? 1 : Self.wholeNumber(object["times"]), (0...1_000).contains(times) else {
            return Self.json(400, ["error": "body must be {\"times\": N} with N from 0 to 1000"])
        }
        messages.duplicate(next: Int(times))
        return Self.json(200, ["duplicate_next": times])
    }
}
