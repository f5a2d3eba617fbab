internal import Foundation
internal import Logging
public import MarketSync

extension EpinduoAdapter {
    /// Lists the orders updated in `window` with `pdd.order.number.list.increment.get` (every order and refund
    /// status), from the last page back to page 1, as the platform asks (docs/channels.md, "Orders"): an order
    /// updated while the pages are read leaves the window and the orders behind it shift one place towards page 1,
    /// so reading forward would skip one; reading backward only reads one twice.
    ///
    /// - Without a continuation: page 1 without `use_has_next`, for `total_count`. One page in all: its orders, done.
    ///   More: no orders (page 1 is read again last) and a continuation to the last page.
    /// - With one (`page=N`): page N with `use_has_next=true` (no count needed any more; the platform calls it much
    ///   faster), and a continuation to page N − 1, none after page 1.
    ///
    /// The window is sent as given: keeping it within 30 minutes and 3 minutes behind now is the window policy's
    /// job (``capabilities(rateLimit:)``), and the platform rejects a longer one. Throws on any failure, including
    /// one unreadable order: skipping it would let the cursor move past it for good.
    public func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage {
        let method = settings.methods.orderList
        let page = try continuation.map { continuation throws(MarketSyncError) in
            try EpinduoPageContinuation(continuation, channel: channel)
        }
        var fields = [
            "is_lucky_flag": "0", "order_status": "5", "refund_status": "5",
            "start_updated_at": String(EpinduoTime.unixSeconds(window.start)),
            "end_updated_at": String(EpinduoTime.unixSeconds(window.end)),
            "page": String(page?.page ?? 1), "page_size": String(settings.pageSize),
        ]
        if page != nil { fields["use_has_next"] = "true" }
        let envelope = try await call(method, fields: fields, sku: nil)
        let payload = try errors.successPayload(envelope, key: "order_sn_increment_get_response", method: method, sku: nil)
        guard let page else {
            guard let total = EpinduoJSON.int(payload["total_count"]), total >= 0 else {
                throw MarketSyncError(.protocolViolation, "\(method) answered no total_count", channel: channel, key: "total_count")
            }
            let lastPage = EpinduoPageContinuation.lastPage(totalCount: total, pageSize: settings.pageSize)
            if lastPage > 1 { return OrderPage(orders: [], next: EpinduoPageContinuation(page: lastPage).continuation) }
            return OrderPage(orders: try orders(in: payload, method: method))
        }
        return OrderPage(orders: try orders(in: payload, method: method), next: page.below?.continuation)
    }

    /// Reads each order by its number with `pdd.order.information.get` (`order_sn`), one signed call per order, mapped
    /// like a listed order (docs/channels.md, "Orders"). An order the platform says it does not know (yet) is left
    /// out; any other failure throws, and the listing reads the order later.
    public func orders(withIDs ids: [String]) async throws -> [ChannelOrder]? {
        let method = settings.methods.orderInformation
        var found: [ChannelOrder] = []
        for id in Set(ids).sorted() where !id.trimmingWhitespace().isEmpty {
            let envelope: [String: Any]
            do {
                envelope = try await call(method, fields: ["order_sn": id], sku: nil)
            } catch let error as MarketSyncError where Self.isUnknownOrder(error) {
                logger.debug("epinduo order not known", metadata: ["sync.channel": "\(channel)", "sync.order": "\(id)"])
                continue
            }
            let payload = try errors.successPayload(envelope, key: "order_info_get_response", method: method, sku: nil)
            guard let info = payload["order_info"] as? [String: Any] else {
                if payload["order_info"] == nil || payload["order_info"] is NSNull { continue }
                throw MarketSyncError(.protocolViolation, "\(method) answered order_info that is not an object for order \(id)",
                                      channel: channel, key: "order \(id)")
            }
            do {
                let order = try EpinduoOrderDTO(json: info).channelOrder
                guard order.id == id else {
                    throw MarketSyncError(.protocolViolation, "\(method) answered order \(order.id) when asked for \(id)",
                                          channel: channel, key: "order \(id)")
                }
                found.append(order)
            } catch let problem as EpinduoDecodingProblem {
                throw MarketSyncError(.protocolViolation, "\(method) answered an unreadable order \(id)", channel: channel,
                                      key: problem.field, underlying: problem)
            }
        }
        return found
    }

    /// Whether a failed read means "no such order": the platform's code for it is unconfirmed, so the sandbox's 50001
    /// and a message saying the order does not exist count.
    static func isUnknownOrder(_ error: MarketSyncError) -> Bool {
        guard error.code == .validation, let failure = error.underlying as? EpinduoErrorResponse else { return false }
        if failure.errorCode == 50001 { return true }
        let text = "\(failure.errorMessage) \(failure.subMessage ?? "")".lowercased()
        return text.contains("not found") || text.contains("not exist") || text.contains("不存在")
    }

    /// The orders of one answer's `order_sn_list` (none when it is absent or null).
    private func orders(in payload: [String: Any], method: String) throws(MarketSyncError) -> [ChannelOrder] {
        guard let list = payload["order_sn_list"] as? [Any] else {
            if payload["order_sn_list"] == nil || payload["order_sn_list"] is NSNull { return [] }
            throw MarketSyncError(.protocolViolation, "\(method) answered order_sn_list that is not a list", channel: channel)
        }
        var orders: [ChannelOrder] = []
        orders.reserveCapacity(list.count)
        for entry in list {
            guard let object = entry as? [String: Any] else {
                throw MarketSyncError(.protocolViolation, "\(method) answered an order that is not an object", channel: channel)
            }
            do {
                orders.append(try EpinduoOrderDTO(json: object).channelOrder)
            } catch {
                throw MarketSyncError(.protocolViolation, "\(method) answered an unreadable order"
                                      + (error.orderSN.map { " \($0)" } ?? ""), channel: channel, key: error.field, underlying: error)
            }
        }
        return orders
    }

    /// Confirms a shipment with `pdd.logistics.online.send`: `logistics_id` is the shipment's carrier (the
    /// platform's courier id), `redelivery_type=1` (first shipment; docs/channels.md, "Shipping"). Throws on failure.
    public func confirmShipment(_ shipment: Shipment) async throws {
        let method = settings.methods.ship
        for (key, value) in [("order_sn", shipment.orderID), ("logistics_id", shipment.carrier),
                             ("tracking_number", shipment.trackingNumber)] where value.trimmingWhitespace().isEmpty {
            throw MarketSyncError(.validation, "shipment of order \(shipment.orderID) has no \(key)", channel: channel, key: key)
        }
        let fields = [
            "order_sn": shipment.orderID, "logistics_id": shipment.carrier,
            "tracking_number": shipment.trackingNumber, "redelivery_type": "1",
        ]
        let envelope = try await call(method, fields: fields, sku: nil)
        _ = try errors.successPayload(envelope, key: "logistics_online_send_response", method: method, sku: nil)
    }
}
