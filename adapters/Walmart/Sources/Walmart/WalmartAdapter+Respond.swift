internal import Foundation
internal import Logging
public import MarketSync

extension WalmartAdapter {
    /// Sends the seller's answer about an order: an acknowledgement (`acknowledgeOrders`) or a shipment
    /// (`shippingUpdates`). Walmart has no acceptance or refusal of lines (a seller who cannot serve a line cancels
    /// it), so an acceptance is refused with `.validation`.
    public func respond(_ response: OrderResponse) async throws {
        switch response {
        case let .acknowledgement(orderID): try await acknowledge(orderID)
        case let .shipment(shipment): try await confirmShipment(shipment)
        case .acceptance:
            throw MarketSyncError(.validation, "Walmart takes no acceptance of lines: a new order is acknowledged whole",
                                  channel: channel, key: "order \(response.orderID)")
        }
    }

    /// Acknowledges the whole order (`POST /v3/orders/{purchaseOrderId}/acknowledge`, no body; docs/channels.md,
    /// "Order acknowledgement"). Walmart takes a repeat on an acknowledged order; it refuses one on an order with
    /// shipped or cancelled lines, so when an acknowledgement is refused the order is read: if no line still waits
    /// (`Created`), the order is past acknowledgement and the answer counts as given.
    func acknowledge(_ purchaseOrderID: String) async throws {
        let key = "order \(purchaseOrderID)"
        do {
            let answer = try await client.call(WalmartRequest("acknowledgeOrders", "POST", path: ["v3", "orders", purchaseOrderID, "acknowledge"],
                                                              key: key))
            _ = try readOrder(answer, purchaseOrderID: purchaseOrderID)
        } catch let error as MarketSyncError where error.code == .validation {
            // The refusal is what counts when the order cannot be read either.
            guard let order = try? await order(purchaseOrderID) else { throw error }
            let waiting = order.lines.contains { line in
                line.statuses.contains { $0.quantity > 0 && WalmartLineStatus.state(of: $0.status) == .pendingAcceptance }
            }
            if waiting { throw error }
            logger.debug("walmart order already past acknowledgement", metadata: [
                LogKey.channel: "\(channel)", WalmartLogKey.operation: "acknowledgeOrders",
            ])
        }
    }

    /// Ships the order line by line (`POST /v3/orders/{purchaseOrderId}/shipping`): the shipment's lines with their
    /// quantities, or, when it names none, every line's `Acknowledged` quantity (the order is read first). Each
    /// line carries the tracking: the carrier as Walmart spells it, or as `otherCarrier` with a tracking URL made from
    /// `tracking_url`; `shipDateTime` is now; `methodCode` is `ship_method`.
    ///
    /// A repeat is harmless: when Walmart refuses the shipment and every line of it already shows `Shipped` with this
    /// tracking number, it counts as done.
    public func confirmShipment(_ shipment: Shipment) async throws {
        let key = "order \(shipment.orderID)"
        for (name, value) in [("order", shipment.orderID), ("carrier", shipment.carrier), ("tracking", shipment.trackingNumber)]
        where value.trimmingWhitespace().isEmpty {
            throw MarketSyncError(.validation, "shipment of order \(shipment.orderID) has no \(name)", channel: channel, key: name)
        }
        let carrier: WalmartShipmentBody.Carrier
        var trackingURL: String?
        if let listed = WalmartCarrier.listed(shipment.carrier) {
            carrier = .init(carrier: listed)
        } else if let template = settings.trackingURLTemplate {
            carrier = .init(otherCarrier: shipment.carrier)
            trackingURL = template.replacingOccurrences(of: "{tracking}", with: WalmartPercentEncoding.encode(shipment.trackingNumber))
        } else {
            throw MarketSyncError(.validation, "carrier \"\(shipment.carrier)\" is not one Walmart lists; a carrier of its own needs "
                                  + "options.tracking_url", channel: channel, key: "carrier")
        }
        var lines = shipment.lines
        if lines.isEmpty {
            let order = try await order(shipment.orderID)
            lines = order.lines.compactMap { line in
                let quantity = line.statuses.filter { WalmartLineStatus.isShippable($0.status) }.reduce(0) { $0 + $1.quantity }
                return quantity > 0 ? ShipmentLine(line: line.lineNumber, quantity: quantity) : nil
            }
            if lines.isEmpty {
                if Self.isShipped(order.lines.map { ShipmentLine(line: $0.lineNumber, quantity: $0.quantity) }, in: order,
                                  tracking: shipment.trackingNumber) { return }
                throw MarketSyncError(.validation, "order \(shipment.orderID) has no acknowledged line to ship "
                                      + "(\(order.channelOrder.rawStatus))", channel: channel, key: key)
            }
        }
        for line in lines where line.quantity <= 0 {
            throw MarketSyncError(.validation, "line \(line.line) of order \(shipment.orderID) ships no units", channel: channel, key: key)
        }
        let tracking = WalmartShipmentBody.Tracking(
            shipDateTime: WalmartTime.epochMilliseconds(client.clock.now()), carrierName: carrier, methodCode: settings.shipMethod,
            trackingNumber: shipment.trackingNumber, trackingURL: trackingURL)
        let body = WalmartShipmentBody(orderShipment: .init(orderLines: .init(orderLine: lines.map { line in
            .init(lineNumber: line.line, sellerOrderId: String(shipment.orderID.prefix(30)), orderLineStatuses: .init(orderLineStatus: [
                .init(statusQuantity: .init(amount: String(line.quantity)), trackingInfo: tracking),
            ]))
        })))
        do {
            let answer = try await client.call(WalmartRequest("shippingUpdates", "POST", path: ["v3", "orders", shipment.orderID, "shipping"],
                                                              body: try WalmartBodies.json(body), contentType: "application/json", key: key))
            _ = try readOrder(answer, purchaseOrderID: shipment.orderID)
        } catch let error as MarketSyncError where error.code == .validation {
            guard let order = try? await order(shipment.orderID) else { throw error }
            if Self.isShipped(lines, in: order, tracking: shipment.trackingNumber) { return }
            throw error
        }
    }

    /// Whether every one of `lines` shows at least its quantity `Shipped` (or `Delivered`) with `tracking`.
    static func isShipped(_ lines: [ShipmentLine], in order: WalmartOrderDTO, tracking: String) -> Bool {
        lines.allSatisfy { wanted in
            guard let line = order.lines.first(where: { $0.lineNumber == wanted.line }) else { return false }
            let shipped = line.statuses.filter { status in
                let state = WalmartLineStatus.state(of: status.status)
                return (state == .shipped || state == .delivered) && status.trackingNumber == tracking
            }.reduce(0) { $0 + $1.quantity }
            return shipped >= wanted.quantity
        }
    }
}
