internal import Foundation
public import MarketSync

extension EpinduoAdapter {
    /// Lists one page of the orders updated in `window` with `pdd.order.number.list.increment.get`
    /// (channels README §1.2): every order and refund status, `use_has_next=true` (no total count, faster).
    ///
    /// The window is sent as given: keeping it within 30 minutes and 3 minutes behind now is the window
    /// policy's job (``capabilities(rateLimit:)``), and the platform rejects a longer one. Throws on any failure,
    /// including one unreadable order: skipping it would let the cursor move past it for good.
    public func pullOrders(in window: OrderWindow, page: Int) async throws -> OrderPage {
        let method = settings.methods.orderList
        let fields = [
            "is_lucky_flag": "0", "order_status": "5", "refund_status": "5",
            "start_updated_at": String(EpinduoTime.unixSeconds(window.start)),
            "end_updated_at": String(EpinduoTime.unixSeconds(window.end)),
            "page": String(max(page, 1)), "page_size": String(settings.pageSize), "use_has_next": "true",
        ]
        let envelope = try await call(method, fields: fields, sku: nil)
        let payload = try errors.successPayload(envelope, key: "order_sn_increment_get_response", method: method, sku: nil)
        guard let list = payload["order_sn_list"] as? [Any] else {
            if payload["order_sn_list"] == nil || payload["order_sn_list"] is NSNull {
                return OrderPage(orders: [], hasNext: false)
            }
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
        // Without `has_next` the page is read as the last one: a short or full page says nothing reliable.
        let hasNext = EpinduoJSON.bool(payload["has_next"]) ?? false
        return OrderPage(orders: orders, hasNext: hasNext)
    }

    /// Confirms a shipment with `pdd.logistics.online.send`: `logistics_id` is the shipment's carrier (the
    /// platform's courier id), `redelivery_type=1` (first shipment; channels README §1.2). Throws on failure.
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
