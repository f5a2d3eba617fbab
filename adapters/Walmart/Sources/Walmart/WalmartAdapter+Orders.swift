internal import Foundation
public import MarketSync

extension WalmartAdapter {
    /// Lists the orders modified in `window` (`getAllOrders`; docs/channels.md, "Paging"):
    /// - without a continuation, `GET /v3/orders?createdStartDate=&lastModifiedStartDate=&lastModifiedEndDate=&limit=`,
    ///   `createdStartDate` being `created_lookback_days` before the window's start (Walmart's default would be
    ///   now − 7 days);
    /// - with one, `GET /v3/orders` followed by the `nextCursor` Walmart gave, as is (it carries the filters);
    /// - the continuation of an answer is its `meta.nextCursor`; none (or null, or empty) ends the window.
    ///
    /// A 404 `CONTENT_NOT_FOUND` is an empty listing. Throws on any order that cannot be read, naming it and the
    /// field: skipping it would let the cursor move past it for good.
    public func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage {
        let request: WalmartRequest
        if let continuation {
            var cursor = continuation.token
            if !cursor.hasPrefix("?") { cursor = "?" + cursor }
            request = WalmartRequest("getAllOrders", "GET", target: "/v3/orders" + cursor, key: "orders")
        } else {
            let created = window.start.addingTimeInterval(-TimeInterval(settings.createdLookbackDays) * 86_400)
            request = WalmartRequest("getAllOrders", "GET", path: ["v3", "orders"], query: [
                ("createdStartDate", WalmartTime.queryString(created)),
                ("lastModifiedStartDate", WalmartTime.queryString(window.start)),
                ("lastModifiedEndDate", WalmartTime.queryString(window.end)),
                ("limit", String(settings.pageSize)),
            ], key: "orders")
        }
        let answer: WalmartAnswer
        do {
            answer = try await client.call(request)
        } catch let error as MarketSyncError where error.walmartBaseCode == WalmartErrorMapper.notFoundCode {
            return OrderPage(orders: [])
        }
        guard let list = answer.object["list"] as? [String: Any] else {
            throw answer.violation("no list in the order listing", field: "list")
        }
        guard let meta = list["meta"] as? [String: Any] else { throw answer.violation("no list.meta in the order listing", field: "list.meta") }
        let elements: [Any]
        switch (list["elements"] as? [String: Any])?["order"] {
        case nil, is NSNull:
            guard list["elements"] is [String: Any] else {
                throw answer.violation("no list.elements in the order listing", field: "list.elements")
            }
            elements = []
        case let orders as [Any]: elements = orders
        default: throw answer.violation("list.elements.order is not a list", field: "list.elements.order")
        }
        var orders: [ChannelOrder] = []
        orders.reserveCapacity(elements.count)
        for entry in elements {
            guard let object = entry as? [String: Any] else { throw answer.violation("an order that is not an object", field: "list.elements.order") }
            do {
                orders.append(try WalmartOrderDTO(json: object).channelOrder)
            } catch {
                throw MarketSyncError(.protocolViolation, "\(channel) getAllOrders: an unreadable order"
                                      + (error.purchaseOrderID.map { " \($0)" } ?? "") + ": \(error)",
                                      channel: channel, key: error.field, underlying: error)
            }
        }
        var next: OrderContinuation?
        switch meta["nextCursor"] {
        case nil, is NSNull: next = nil
        case let cursor as String: next = cursor.trimmingWhitespace().isEmpty ? nil : OrderContinuation(cursor)
        default: throw answer.violation("list.meta.nextCursor is not a string", field: "list.meta.nextCursor")
        }
        if let next, next == continuation {
            throw answer.violation("nextCursor repeats the cursor just read, the listing would never end", field: "list.meta.nextCursor")
        }
        return OrderPage(orders: orders, next: next)
    }

    /// One order (`getAnOrder`: `GET /v3/orders/{purchaseOrderId}`), read from `{"order": …}` (what Walmart answers,
    /// although the document declares the bare `Order`), or the bare object.
    func order(_ purchaseOrderID: String) async throws -> WalmartOrderDTO {
        let answer = try await client.call(WalmartRequest("getAnOrder", "GET", path: ["v3", "orders", purchaseOrderID],
                                                          key: "order \(purchaseOrderID)"))
        return try readOrder(answer, purchaseOrderID: purchaseOrderID)
    }

    /// The order of an answer that carries one (`getAnOrder`, `acknowledgeOrders`, `shippingUpdates`).
    func readOrder(_ answer: WalmartAnswer, purchaseOrderID: String) throws -> WalmartOrderDTO {
        let object = answer.object["order"] as? [String: Any] ?? answer.object
        do {
            return try WalmartOrderDTO(json: object)
        } catch {
            throw MarketSyncError(.protocolViolation, "\(channel) \(answer.operation): order \(purchaseOrderID) unreadable: \(error)",
                                  channel: channel, key: error.field, underlying: error)
        }
    }
}

extension MarketSyncError {
    /// The Walmart error code this error was mapped from, without its API suffix, if it came from Walmart's `errors[]`.
    var walmartBaseCode: String? { (underlying as? WalmartGatewayError)?.baseCode }
}
