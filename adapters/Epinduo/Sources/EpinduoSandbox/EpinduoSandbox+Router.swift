internal import Epinduo
internal import Foundation
internal import MarketSync
internal import MarketSyncSandbox
internal import Synchronization

/// An error the router answers as `error_response` (HTTP 200 unless a fault says otherwise).
struct EpinduoSandboxError: Error {
    var code: Int
    var message: String
    var subCode: String?
    var httpStatus = 200
    var retryAfter: Int?

    static func invalid(_ field: String, _ message: String) -> EpinduoSandboxError {
        EpinduoSandboxError(code: 10000, message: message, subCode: field)
    }
}

extension EpinduoSandbox {
    // Constant success bodies: the stock path is the hot one (benchmarks send 100,000+ updates).
    static let stockOK = Data(#"{"goods_quantity_update_response":{"is_success":true}}"#.utf8)
    static let priceOK = Data(#"{"goods_update_sku_price_response":{"is_success":true}}"#.utf8)
    static let shipOK = Data(#"{"logistics_online_send_response":{"is_success":true}}"#.utf8)

    /// `POST /api/router`: credentials, timestamp and signature first (like the platform), then armed faults,
    /// then the method named by `type`.
    func router(_ request: WireRequest) -> WireResponse {
        guard let params = EpinduoForm.decode(request.body) else {
            return Self.errorResponse(.invalid("body", "body is not a form (application/x-www-form-urlencoded)"), requestID: 0)
        }
        let type = params["type"] ?? ""
        var rejection: EpinduoSandboxError?
        if params["client_id"] != clientID {
            rejection = EpinduoSandboxError(code: 10016, message: "client_id invalid")
        } else if params["access_token"] != accessToken {
            rejection = EpinduoSandboxError(code: 10035, message: "access_token invalid")
        } else if params["timestamp"].flatMap({ Int64($0) }) == nil {
            rejection = .invalid("timestamp", "timestamp missing or not Unix seconds")
        } else if !signer.isValid(params) {
            rejection = EpinduoSandboxError(code: 10019, message: "sign invalid")
        }
        // Work that needs no state is done before taking the lock.
        var priceList: [EpinduoSandboxState.PriceEntry] = []
        if rejection == nil && type == methods.priceUpdate {
            switch Self.parsePriceList(params) {
            case let .success(list): priceList = list
            case let .failure(error): rejection = error
            }
        }
        let wall = clock.now()
        let now = EpinduoTime.unixSeconds(wall)
        // Orders this call moves (a shipment, a listing's churn), for the message service: filled under the lock,
        // sent after it.
        var changes: [(old: EpinduoSandboxOrder?, new: EpinduoSandboxOrder)] = []
        let response = store.withLock { store -> WireResponse in
            store.generation += 1
            store.requestSerial += 1
            store.world.requestCounts[type, default: 0] += 1
            let serial = store.requestSerial
            // The platform's limit counts every call of the app, before it looks at what the call asks.
            if case let .throttled(seconds)? = store.bucket?.take(atUnixSeconds: wall.timeIntervalSince1970) {
                store.world.throttled += 1
                return Self.errorResponse(EpinduoSandboxError(code: 70031, message: "call too frequent", retryAfter: seconds),
                                          requestID: serial)
            }
            if let rejection { return Self.errorResponse(rejection, requestID: serial) }
            let fault = Self.takeFault(&store.world, type: type, params: params, priceList: priceList)
            switch fault?.garble {
            case .html?: return Self.gatewayPage(status: fault?.httpStatus ?? 200)
            case .truncated?: break
            case nil:
                if let fault {
                    return Self.errorResponse(EpinduoSandboxError(code: fault.errorCode, message: fault.errorMessage, subCode: fault.subCode,
                                                                  httpStatus: fault.httpStatus ?? 200, retryAfter: fault.retryAfter),
                                              requestID: serial)
                }
            }
            let result: Result<WireResponse, EpinduoSandboxError>
            switch type {
            case methods.stockUpdate: result = Self.updateStock(&store.world, params, history: &store.history)
            case methods.priceUpdate: result = Self.updatePrices(&store.world, priceList, history: &store.history)
            case methods.orderList:
                let before = store.world.orderChurn == nil ? nil : store.world.orders
                result = Self.listOrders(&store.world, params, now: now)
                if let before {
                    for order in store.world.orders.values {
                        if let old = before[order.orderSN], old != order { changes.append((old: old, new: order)) }
                    }
                }
            case methods.orderInformation: result = Self.orderInformation(store.world, params)
            case methods.ship:
                let before = params["order_sn"].flatMap { store.world.orders[$0] }
                result = Self.ship(&store.world, params, now: now)
                if let before, let after = store.world.orders[before.orderSN], after != before {
                    changes.append((old: before, new: after))
                }
            case methods.mallInfo: result = .success(Self.mallInfo(clientID: clientID))
            default: result = .failure(EpinduoSandboxError(code: 10002, message: "unknown api type", subCode: "type"))
            }
            let response: WireResponse
            switch result {
            case let .success(answer): response = answer
            case let .failure(error): response = Self.errorResponse(error, requestID: serial)
            }
            // A truncated fault: the call took effect, its answer is cut off halfway.
            return fault?.garble == .truncated ? Self.truncated(response) : response
        }
        persist()
        publish(changes)
        return response
    }

    static func errorResponse(_ error: EpinduoSandboxError, requestID: Int64) -> WireResponse {
        var body: [String: Any] = ["error_code": error.code, "error_msg": error.message, "request_id": "sandbox-\(requestID)"]
        if let subCode = error.subCode {
            body["sub_code"] = subCode
            body["sub_msg"] = error.message
        }
        let headers = error.retryAfter.map { [HeaderField("Retry-After", String($0))] } ?? []
        return json(error.httpStatus, ["error_response": body], headers: headers)
    }

    /// Consumes one use of the first armed fault matching the call, if any.
    static func takeFault(_ world: inout EpinduoSandboxState, type: String, params: [String: String],
                          priceList: [EpinduoSandboxState.PriceEntry]) -> EpinduoSandboxFault? {
        guard !world.faults.isEmpty else { return nil }
        var skuIDs = Set(priceList.map(\.skuID))
        if let skuID = params["sku_id"] { skuIDs.insert(skuID) }
        guard let index = world.faults.firstIndex(where: {
            $0.matches(type: type, skuIDs: skuIDs, goodsID: params["goods_id"], orderSN: params["order_sn"])
        }) else { return nil }
        let fault = world.faults[index]
        world.faults[index].times -= 1
        if world.faults[index].times <= 0 { world.faults.remove(at: index) }
        return fault
    }

    /// What a reverse proxy in front of a router answers when the router is away: an HTML page (with status 200 unless
    /// the fault says otherwise, as some gateways do).
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

    // MARK: Stock

    static func updateStock(_ world: inout EpinduoSandboxState, _ params: [String: String],
                            history: inout EpinduoSandboxHistory) -> Result<WireResponse, EpinduoSandboxError> {
        guard let goodsID = params["goods_id"], isID(goodsID) else { return .failure(.invalid("goods_id", "goods_id missing or invalid")) }
        guard let quantity = params["quantity"].flatMap({ Int64($0) }) else {
            return .failure(.invalid("quantity", "quantity missing or not an integer"))
        }
        let updateType = params["update_type"] ?? "1"
        guard updateType == "1" || updateType == "2" else { return .failure(.invalid("update_type", "update_type must be 1 or 2")) }
        let outerID = params["outer_id"].flatMap { $0.isEmpty ? nil : $0 }
        let key: String
        if let skuID = params["sku_id"], !skuID.isEmpty {
            guard isID(skuID) else { return .failure(.invalid("sku_id", "sku_id invalid")) }
            key = "\(goodsID):\(skuID)"
        } else if let outerID,
                  let found = world.stock.first(where: { $0.value.goodsID == goodsID && $0.value.outerID == outerID })?.key {
            key = found
        } else {
            return .failure(.invalid("sku_id", "sku_id missing and outer_id matches no SKU of the goods"))
        }
        let old = world.stock[key]
        let newQuantity: Int64
        if updateType == "1" {
            guard quantity >= 0 else { return .failure(.invalid("quantity", "quantity must not be negative")) }
            newQuantity = quantity
        } else {
            // Incremental: the result cannot go below zero (docs/channels.md, "Stock").
            newQuantity = max(0, (old?.quantity ?? 0) + quantity)
        }
        let skuID = String(key[key.index(after: key.firstIndex(of: ":") ?? key.startIndex)...])
        world.stock[key] = .init(goodsID: goodsID, skuID: skuID, outerID: outerID ?? old?.outerID, quantity: newQuantity)
        history.recordStock(newQuantity, for: key)
        return .success(jsonBody(200, stockOK))
    }

    // MARK: Prices

    /// Validates `goods_id` and the JSON `sku_price_list` (integer fen, `is_onsale` 0/1: docs/channels.md, "Prices").
    static func parsePriceList(_ params: [String: String]) -> Result<[EpinduoSandboxState.PriceEntry], EpinduoSandboxError> {
        guard let goodsID = params["goods_id"], isID(goodsID) else { return .failure(.invalid("goods_id", "goods_id missing or invalid")) }
        guard let text = params["sku_price_list"], let data = text.data(using: .utf8),
              let list = try? JSONSerialization.jsonObject(with: data) as? [Any], !list.isEmpty else {
            return .failure(.invalid("sku_price_list", "sku_price_list must be a non-empty JSON array"))
        }
        var entries: [EpinduoSandboxState.PriceEntry] = []
        for element in list {
            guard let item = element as? [String: Any], let skuID = idText(item["sku_id"]),
                  let group = wholeNumber(item["group_price"]), let single = wholeNumber(item["single_price"]),
                  group > 0, single > 0 else {
                return .failure(.invalid("sku_price_list", "each entry needs sku_id and positive integer group_price, single_price (fen)"))
            }
            let onSale = wholeNumber(item["is_onsale"]) ?? 1
            guard onSale == 0 || onSale == 1 else { return .failure(.invalid("sku_price_list", "is_onsale must be 0 or 1")) }
            entries.append(.init(goodsID: goodsID, skuID: skuID, groupPrice: group, singlePrice: single, isOnSale: onSale == 1))
        }
        return .success(entries)
    }

    static func updatePrices(_ world: inout EpinduoSandboxState, _ entries: [EpinduoSandboxState.PriceEntry],
                             history: inout EpinduoSandboxHistory) -> Result<WireResponse, EpinduoSandboxError> {
        for entry in entries {
            let key = "\(entry.goodsID):\(entry.skuID)"
            world.prices[key] = entry
            history.recordPrice(entry.singlePrice, for: key)
        }
        return .success(jsonBody(200, priceOK))
    }

    // MARK: Orders

    /// Lists orders updated in `[start_updated_at, end_updated_at]` (at most 30 minutes), newest update first as
    /// the platform does, one page at a time; `total_count` by default, `has_next` instead with `use_has_next=true`.
    /// An armed ``EpinduoSandboxOrderChurn`` then updates orders of the window, as if they changed meanwhile.
    static func listOrders(_ world: inout EpinduoSandboxState, _ params: [String: String], now: Int64)
        -> Result<WireResponse, EpinduoSandboxError>
    {
        let query: EpinduoSandboxOrderQuery
        switch EpinduoSandboxOrderQuery.parse(params) {
        case let .success(parsed): query = parsed
        case let .failure(error): return .failure(error)
        }
        let matching = query.matching(world.orders.values)
        let page = query.pageRange(count: matching.count)
        var body: [String: Any] = ["order_sn_list": matching[page].map(orderJSON)]
        if query.usesHasNext {
            body["has_next"] = page.upperBound < matching.count
        } else {
            body["total_count"] = matching.count
        }
        if let churn = world.orderChurn {
            world.orderChurn = churn.apply(to: &world, after: query, now: now)
        }
        return .success(json(200, ["order_sn_increment_get_response": body]))
    }

    /// `pdd.order.information.get`: the order named by `order_sn` as `order_info_get_response.order_info`, the same
    /// fields as a listed order; 50001 "order not found" for a number it does not hold.
    static func orderInformation(_ world: EpinduoSandboxState, _ params: [String: String]) -> Result<WireResponse, EpinduoSandboxError> {
        guard let orderSN = params["order_sn"], !orderSN.isEmpty else { return .failure(.invalid("order_sn", "order_sn missing")) }
        guard let order = world.orders[orderSN] else {
            return .failure(EpinduoSandboxError(code: 50001, message: "order not found", subCode: "order_sn"))
        }
        return .success(json(200, ["order_info_get_response": ["order_info": orderJSON(order)]]))
    }

    /// An order as the platform lists it: `updated_at` in China time, amounts in yuan, masked buyer fields (the
    /// adapter must ignore them).
    static func orderJSON(_ order: EpinduoSandboxOrder) -> [String: Any] {
        var object: [String: Any] = [
            "order_sn": order.orderSN, "order_status": order.orderStatus, "refund_status": order.refundStatus,
            "confirm_status": order.confirmStatus, "group_status": order.groupStatus, "after_sales_status": 0,
            "updated_at": EpinduoTime.chinaTimeString(unixSeconds: order.updatedAt),
            "pay_amount": yuanString(order.payAmountFen),
            "receiver_name": "张*", "receiver_phone": "138****0000", "address": "北京市****",
            "item_list": order.items.map { item -> [String: Any] in
                var line: [String: Any] = [
                    "goods_id": numberOrText(item.goodsID), "sku_id": numberOrText(item.skuID),
                    "goods_count": item.goodsCount, "goods_price": Decimal(item.goodsPriceFen) / 100,
                ]
                if let outerID = item.outerID { line["outer_id"] = outerID }
                return line
            },
        ]
        if let tracking = order.trackingNumber { object["tracking_number"] = tracking }
        if let logistics = order.logisticsID { object["logistics_id"] = numberOrText(logistics) }
        return object
    }

    // MARK: Shipping

    static func ship(_ world: inout EpinduoSandboxState, _ params: [String: String], now: Int64) -> Result<WireResponse, EpinduoSandboxError> {
        guard let orderSN = params["order_sn"], !orderSN.isEmpty else { return .failure(.invalid("order_sn", "order_sn missing")) }
        guard let logisticsID = params["logistics_id"], !logisticsID.isEmpty else {
            return .failure(.invalid("logistics_id", "logistics_id missing"))
        }
        guard let tracking = params["tracking_number"], !tracking.isEmpty else {
            return .failure(.invalid("tracking_number", "tracking_number missing"))
        }
        guard var order = world.orders[orderSN] else {
            return .failure(EpinduoSandboxError(code: 50001, message: "order not found", subCode: "order_sn"))
        }
        if order.confirmStatus == 2 || order.refundStatus == 4 || order.confirmStatus == 0 || order.groupStatus == 0 {
            return .failure(EpinduoSandboxError(code: 50003, message: "order cannot be shipped in its status", subCode: "order_sn"))
        }
        let redelivery = params["redelivery_type"] ?? "1"
        if order.orderStatus >= 2 && redelivery != "2" {
            // A retried first shipment with the same data is accepted again (idempotent); another one is not.
            if order.trackingNumber == tracking && order.logisticsID == logisticsID { return .success(jsonBody(200, shipOK)) }
            return .failure(EpinduoSandboxError(code: 50002, message: "order already shipped", subCode: "order_sn"))
        }
        order.orderStatus = max(order.orderStatus, 2)
        order.trackingNumber = tracking
        order.logisticsID = logisticsID
        order.updatedAt = now
        world.orders[orderSN] = order
        world.shipments[orderSN] = .init(orderSN: orderSN, logisticsID: logisticsID, trackingNumber: tracking, shippedAt: now)
        return .success(jsonBody(200, shipOK))
    }

    // MARK: Value helpers

    static func isID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 20 && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    static func idText(_ value: Any?) -> String? {
        switch value {
        case let text as String: isID(text) ? text : nil
        case let number as NSNumber: wholeNumber(number).map(String.init)
        default: nil
        }
    }

    /// A whole number sent as a number or as text (the adapter's lenient reader).
    static func wholeNumber(_ value: Any?) -> Int64? { EpinduoJSON.int64(value) }

    static func numberOrText(_ id: String) -> Any {
        if isID(id), let number = Int64(id) { return number }
        return id
    }

    static func yuanString(_ fen: Int64) -> String {
        Money(minorUnits: fen, currency: .cny).decimalString
    }
}
