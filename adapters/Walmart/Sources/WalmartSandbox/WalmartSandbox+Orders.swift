internal import Foundation
internal import MarketSync
internal import Walmart

extension WalmartSandbox {
    /// The filters an order listing carries into its `nextCursor`, in this order.
    static let cursorFilters = ["createdStartDate", "createdEndDate", "lastModifiedStartDate", "lastModifiedEndDate", "status", "sku",
                                "purchaseOrderId", "customerOrderId"]
    /// The reasons `cancelOrderLines` takes.
    static let cancellationReasons: Set<String> = [
        "CUSTOMER_REQUESTED_SELLER_TO_CANCEL", "SELLER_CANCEL_PRICING_ERROR", "SELLER_CANCEL_OUT_OF_STOCK",
        "SELLER_CANCEL_FRAUD_STOP_SHIPMENT", "SELLER_CANCEL_ADDRESS_NOT_SERVICEABLE",
    ]

    /// `getAllOrders` (and `getAllReleasedOrders`, only orders with a `Created` line): orders filtered by their
    /// creation (`createdStartDate`, default now − 7 days; `createdEndDate`), last modification
    /// (`lastModifiedStartDate`/`EndDate`), line `status`, `sku`, ids; newest order first; `limit` (default 100, at most
    /// 200) a page, the next page in `meta.nextCursor` as a query string carrying the filters and the position
    /// (`soIndex`). Nothing matching answers 404 `CONTENT_NOT_FOUND`, as Walmart does.
    static func listOrders(query: [String: String], world: WalmartSandboxState, now: Int64, releasedOnly: Bool)
        -> Result<WireResponse, WalmartSandboxError>
    {
        guard let limit = Int(query["limit"] ?? "100"), (1...200).contains(limit) else {
            return .failure(.invalidParam("limit", "limit must be 1 to 200"))
        }
        guard let start = Int(query["soIndex"] ?? "0"), start >= 0 else { return .failure(.invalidParam("soIndex", "soIndex must be 0 or more")) }
        var bounds: [String: Int64] = [:]
        for name in cursorFilters.prefix(4) {
            guard let text = query[name], !text.isEmpty else { continue }
            guard let date = WalmartTime.parseQuery(text) else {
                return .failure(.invalidParam(name, "\(name) must be yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ"))
            }
            bounds[name] = milliseconds(date)
        }
        var filters = query.filter { cursorFilters.contains($0.key) && !$0.value.isEmpty }
        let createdStart = bounds["createdStartDate"] ?? (now - 7 * 86_400_000)
        if filters["createdStartDate"] == nil {
            filters["createdStartDate"] = WalmartTime.queryString(WalmartTime.date(epochMilliseconds: createdStart))
        }
        let matching = world.orders.values.filter { order in
            guard order.orderDate >= createdStart, order.orderDate <= (bounds["createdEndDate"] ?? Int64.max),
                  order.lastModified >= (bounds["lastModifiedStartDate"] ?? Int64.min),
                  order.lastModified <= (bounds["lastModifiedEndDate"] ?? Int64.max) else { return false }
            let statuses = order.lines.flatMap(\.statuses).filter { $0.quantity > 0 }.map { $0.status.lowercased() }
            if releasedOnly, !statuses.contains("created") { return false }
            if let status = filters["status"], !statuses.contains(status.lowercased()) { return false }
            if let sku = filters["sku"], !order.lines.contains(where: { $0.sku == sku }) { return false }
            if let id = filters["purchaseOrderId"], order.purchaseOrderID != id { return false }
            if let id = filters["customerOrderId"], order.customerOrderID != id { return false }
            return true
        }.sorted { ($0.orderDate, $0.purchaseOrderID) > ($1.orderDate, $1.purchaseOrderID) }
        guard !matching.isEmpty else { return .failure(.notFound("No Orders found")) }
        let page = matching.dropFirst(start).prefix(limit)
        var meta: [String: Any] = ["totalCount": matching.count, "limit": page.count]
        let end = start + page.count
        if end < matching.count {
            var items = [("limit", String(limit)), ("hasMoreElements", "true"), ("soIndex", String(end)), ("poIndex", String(end)),
                         ("partnerId", "100009"), ("sellerId", "8")]
            for name in cursorFilters { if let value = filters[name] { items.append((name, value)) } }
            meta["nextCursor"] = "?" + WalmartPercentEncoding.query(items)
        }
        return .success(json(200, ["list": ["meta": meta, "elements": ["order": page.map(orderJSON)]] as [String: Any]]))
    }

    /// `getAnOrder`: `{"order": …}`, as Walmart answers it.
    static func getOrder(_ id: String, world: WalmartSandboxState) -> Result<WireResponse, WalmartSandboxError> {
        guard let order = world.orders[id] else { return .failure(.notFound("no order \(id)")) }
        return .success(json(200, ["order": orderJSON(order)]))
    }

    /// `acknowledgeOrders`: every `Created` unit becomes `Acknowledged`. An order whose units are all `Acknowledged`
    /// may be acknowledged again; one with nothing `Created` and anything else (shipped, cancelled, refunded, a status
    /// Walmart added) is refused, as Walmart refuses it.
    static func acknowledge(_ id: String, world: inout WalmartSandboxState, now: Int64) -> Result<WireResponse, WalmartSandboxError> {
        guard var order = world.orders[id] else { return .failure(.notFound("no order \(id)")) }
        let statuses = order.lines.flatMap(\.statuses).filter { $0.quantity > 0 }.map { $0.status.lowercased() }
        if statuses.contains("created") {
            for index in order.lines.indices {
                let created = order.lines[index].statuses.filter { $0.status.lowercased() == "created" }.reduce(0) { $0 + $1.quantity }
                guard created > 0 else { continue }
                _ = order.move(line: index, quantity: created, from: ["created"], to: .init(status: "Acknowledged", quantity: 0))
                order.lines[index].statusDate = now
            }
            order.lastModified = now
            world.orders[id] = order
        } else if !statuses.allSatisfy({ $0 == "acknowledged" }) {
            return .failure(.invalid("purchaseOrderId", "order \(id) cannot be acknowledged: it has lines past acknowledgement"))
        }
        return .success(json(200, ["order": orderJSON(order)]))
    }

    /// `shippingUpdates`: each line's units move from `Acknowledged` to `Shipped` with their tracking. Only
    /// acknowledged units ship; tracking needs `shipDateTime`, a carrier (Walmart's list, or `otherCarrier` with a
    /// `trackingURL`), a `methodCode` and a `trackingNumber`. Nothing changes unless every line is right.
    static func ship(_ id: String, _ request: WireRequest, world: inout WalmartSandboxState, now: Int64) -> Result<WireResponse, WalmartSandboxError> {
        guard var order = world.orders[id] else { return .failure(.notFound("no order \(id)")) }
        guard let body = WalmartJSON.object(request.body),
              let lines = ((body["orderShipment"] as? [String: Any])?["orderLines"] as? [String: Any])?["orderLine"] as? [Any], !lines.isEmpty else {
            return .failure(.invalid("orderShipment.orderLines", "orderShipment.orderLines.orderLine is required"))
        }
        for (number, entry) in lines.enumerated() {
            let path = "orderLine[\(number)]"
            guard let line = entry as? [String: Any], let lineNumber = WalmartJSON.string(line["lineNumber"]),
                  let index = order.lines.firstIndex(where: { $0.lineNumber == lineNumber }) else {
                return .failure(.invalid("\(path).lineNumber", "no such line in order \(id)"))
            }
            guard WalmartJSON.string(line["sellerOrderId"]) != nil else {
                return .failure(.invalid("\(path).sellerOrderId", "sellerOrderId is required"))
            }
            guard let statuses = (line["orderLineStatuses"] as? [String: Any])?["orderLineStatus"] as? [Any], !statuses.isEmpty else {
                return .failure(.invalid("\(path).orderLineStatuses", "orderLineStatuses.orderLineStatus is required"))
            }
            for (statusNumber, statusEntry) in statuses.enumerated() {
                let statusPath = "\(path).orderLineStatus[\(statusNumber)]"
                guard let status = statusEntry as? [String: Any], WalmartJSON.string(status["status"]) == "Shipped" else {
                    return .failure(.invalid("\(statusPath).status", "status must be Shipped"))
                }
                guard let quantity = (status["statusQuantity"] as? [String: Any]).flatMap({ WalmartJSON.string($0["amount"]) }).flatMap({ Int64($0) }),
                      quantity > 0 else {
                    return .failure(.invalid("\(statusPath).statusQuantity", "statusQuantity.amount must be a positive whole number as a string"))
                }
                switch tracking(status["trackingInfo"], path: "\(statusPath).trackingInfo") {
                case let .failure(problem): return .failure(problem)
                case let .success(tracking):
                    let left = order.move(line: index, quantity: quantity, from: ["acknowledged"],
                                          to: .init(status: "Shipped", quantity: 0, tracking: tracking))
                    guard left == 0 else {
                        return .failure(.invalid("\(statusPath).statusQuantity",
                                                 "line \(lineNumber) has \(quantity - left) acknowledged units to ship, not \(quantity)"))
                    }
                    order.lines[index].statusDate = now
                }
            }
        }
        order.lastModified = now
        world.orders[id] = order
        return .success(json(200, ["order": orderJSON(order)]))
    }

    /// A `TrackingInfoType`, checked; the problem's text otherwise.
    static func tracking(_ value: Any?, path: String) -> Result<WalmartSandboxOrder.Tracking, WalmartSandboxError> {
        func failure(_ text: String) -> Result<WalmartSandboxOrder.Tracking, WalmartSandboxError> { .failure(.invalid(path, text)) }
        guard let info = value as? [String: Any] else { return failure("trackingInfo is required") }
        guard let shipDateTime = WalmartJSON.int64(info["shipDateTime"]) else { return failure("shipDateTime must be epoch milliseconds") }
        guard let number = WalmartJSON.string(info["trackingNumber"]), !number.isEmpty else { return failure("trackingNumber is required") }
        guard let method = WalmartJSON.string(info["methodCode"]), WalmartSettings.shipMethods.contains(method) else {
            return failure("methodCode must be one of \(WalmartSettings.shipMethods.sorted().joined(separator: ", "))")
        }
        let carrierName = info["carrierName"] as? [String: Any] ?? [:]
        let carrier = WalmartJSON.string(carrierName["carrier"])
        let other = WalmartJSON.string(carrierName["otherCarrier"])
        let url = WalmartJSON.string(info["trackingURL"])
        if let carrier {
            guard WalmartCarrier.known.contains(carrier) else { return failure("carrier \(carrier) is not one Walmart lists") }
        } else if other != nil {
            guard url?.isEmpty == false else { return failure("otherCarrier needs a trackingURL") }
        } else {
            return failure("carrierName needs carrier or otherCarrier")
        }
        return .success(.init(shipDateTime: shipDateTime, carrier: carrier, otherCarrier: other, methodCode: method, trackingNumber: number,
                              trackingURL: url))
    }

    /// `cancelOrderLines`: units of `Created` or `Acknowledged` lines become `Cancelled` with one of the five reasons.
    static func cancel(_ id: String, _ request: WireRequest, world: inout WalmartSandboxState, now: Int64) -> Result<WireResponse, WalmartSandboxError> {
        guard var order = world.orders[id] else { return .failure(.notFound("no order \(id)")) }
        guard let body = WalmartJSON.object(request.body),
              let lines = ((body["orderCancellation"] as? [String: Any])?["orderLines"] as? [String: Any])?["orderLine"] as? [Any] else {
            return .failure(.invalid("orderCancellation.orderLines", "orderCancellation.orderLines.orderLine is required"))
        }
        for entry in lines {
            guard let line = entry as? [String: Any], let lineNumber = WalmartJSON.string(line["lineNumber"]),
                  let index = order.lines.firstIndex(where: { $0.lineNumber == lineNumber }) else {
                return .failure(.invalid("lineNumber", "no such line in order \(id)"))
            }
            for statusEntry in (line["orderLineStatuses"] as? [String: Any])?["orderLineStatus"] as? [Any] ?? [] {
                let status = statusEntry as? [String: Any] ?? [:]
                guard let reason = WalmartJSON.string(status["cancellationReason"]), cancellationReasons.contains(reason) else {
                    return .failure(.invalid("cancellationReason", "cancellationReason must be one of \(cancellationReasons.sorted().joined(separator: ", "))"))
                }
                guard let quantity = (status["statusQuantity"] as? [String: Any]).flatMap({ WalmartJSON.wholeNumber($0["amount"]) }), quantity > 0 else {
                    return .failure(.invalid("statusQuantity", "statusQuantity.amount must be a positive whole number"))
                }
                let left = order.move(line: index, quantity: quantity, from: ["created", "acknowledged"],
                                      to: .init(status: "Cancelled", quantity: 0, cancellationReason: reason))
                guard left == 0 else { return .failure(.invalid("statusQuantity", "line \(lineNumber) has fewer units left to cancel")) }
                order.lines[index].statusDate = now
            }
        }
        order.lastModified = now
        world.orders[id] = order
        return .success(json(200, ["order": orderJSON(order)]))
    }

    /// `refundOrderLines`: a shipped line gets a `refund` block.
    static func refund(_ id: String, _ request: WireRequest, world: inout WalmartSandboxState, now: Int64) -> Result<WireResponse, WalmartSandboxError> {
        guard var order = world.orders[id] else { return .failure(.notFound("no order \(id)")) }
        guard let body = WalmartJSON.object(request.body),
              let lines = ((body["orderRefund"] as? [String: Any])?["orderLines"] as? [String: Any])?["orderLine"] as? [Any] else {
            return .failure(.invalid("orderRefund.orderLines", "orderRefund.orderLines.orderLine is required"))
        }
        for entry in lines {
            guard let line = entry as? [String: Any], let lineNumber = WalmartJSON.string(line["lineNumber"]),
                  let index = order.lines.firstIndex(where: { $0.lineNumber == lineNumber }) else {
                return .failure(.invalid("lineNumber", "no such line in order \(id)"))
            }
            guard order.lines[index].statuses.contains(where: { ["shipped", "delivered"].contains($0.status.lowercased()) }) else {
                return .failure(.invalid("lineNumber", "line \(lineNumber) has not shipped"))
            }
            let refund = ((line["refunds"] as? [String: Any])?["refund"] as? [Any])?.first as? [String: Any] ?? [:]
            let charge = ((refund["refundCharges"] as? [String: Any])?["refundCharge"] as? [Any])?.first as? [String: Any] ?? [:]
            let amount = ((charge["charge"] as? [String: Any])?["chargeAmount"] as? [String: Any]).flatMap { WalmartJSON.hundredths($0["amount"]) }
            order.lines[index].refund = .init(refundID: "R-\(id)-\(lineNumber)", reason: WalmartJSON.string(charge["refundReason"]) ?? "Others",
                                             amount: amount ?? -order.lines[index].price, comments: WalmartJSON.string(refund["refundComments"]))
            order.lines[index].statusDate = now
        }
        order.lastModified = now
        world.orders[id] = order
        return .success(json(200, ["order": orderJSON(order)]))
    }

    /// An order as Walmart lists it (`GetOrderResponseRecord`): epoch-millisecond dates, quantities as strings, a relay
    /// address and a placeholder address and phone (the adapter must not read them).
    static func orderJSON(_ order: WalmartSandboxOrder) -> [String: Any] {
        [
            "purchaseOrderId": order.purchaseOrderID, "customerOrderId": order.customerOrderID,
            "customerEmailId": "\(order.customerOrderID)@relay.walmart.com", "orderType": "REGULAR", "orderDate": order.orderDate,
            "shippingInfo": [
                "phone": "5555550100", "estimatedDeliveryDate": order.orderDate + 5 * 86_400_000,
                "estimatedShipDate": order.orderDate + 2 * 86_400_000, "methodCode": "Standard",
                "postalAddress": ["name": "Sandbox Buyer", "address1": "1 Sandbox Way", "city": "Bentonville", "state": "AR",
                                  "postalCode": "72716", "country": "USA", "addressType": "RESIDENTIAL"],
            ] as [String: Any],
            "orderLines": ["orderLine": order.lines.map(lineJSON)],
        ]
    }

    static func lineJSON(_ line: WalmartSandboxOrder.Line) -> [String: Any] {
        var object: [String: Any] = [
            "lineNumber": line.lineNumber, "item": ["productName": line.productName, "sku": line.sku],
            "charges": ["charge": [["chargeType": "PRODUCT", "chargeName": "ItemPrice",
                                    "chargeAmount": ["currency": line.currency, "amount": decimal(line.price)] as [String: Any]]]],
            "orderLineQuantity": ["unitOfMeasurement": "EACH", "amount": String(line.quantity)],
            "statusDate": line.statusDate,
            "orderLineStatuses": ["orderLineStatus": line.statuses.map { status -> [String: Any] in
                var entry: [String: Any] = ["status": status.status,
                                            "statusQuantity": ["unitOfMeasurement": "EACH", "amount": String(status.quantity)]]
                if let reason = status.cancellationReason { entry["cancellationReason"] = reason }
                if let tracking = status.tracking {
                    var carrier: [String: Any] = [:]
                    if let name = tracking.carrier { carrier["carrier"] = name }
                    if let other = tracking.otherCarrier { carrier["otherCarrier"] = other }
                    var info: [String: Any] = ["shipDateTime": tracking.shipDateTime, "carrierName": carrier,
                                               "methodCode": tracking.methodCode, "trackingNumber": tracking.trackingNumber]
                    if let url = tracking.trackingURL { info["trackingURL"] = url }
                    entry["trackingInfo"] = info
                }
                return entry
            }],
        ]
        if let refund = line.refund {
            var block: [String: Any] = ["refundId": refund.refundID, "refundCharges": ["refundCharge": [[
                "refundReason": refund.reason,
                "charge": ["chargeType": "PRODUCT", "chargeName": "Item Price",
                           "chargeAmount": ["currency": line.currency, "amount": decimal(refund.amount)] as [String: Any]] as [String: Any],
            ]]]]
            if let comments = refund.comments { block["refundComments"] = comments }
            object["refund"] = block
        }
        return object
    }
}
