internal import Foundation
internal import Logging
public import MarketSync

extension MiraklAdapter {
    /// Sends the seller's answer about an order (docs/channels.md, "Order acceptance", "Shipping with tracking"):
    ///
    /// - `.acceptance`: OR21 with a decision for every line given. Mirakl answers a repeat with `ORDER_INVALID_STATE`
    ///   (the lines are no longer `WAITING_ACCEPTANCE`), so on a 400 the order is read with OR11: when every line
    ///   answered is past acceptance the way it was answered (accepted lines not `REFUSED`, refused ones `REFUSED` or
    ///   `CANCELED`), the answer is done; otherwise the 400 stands as a `.validation` naming the order;
    /// - `.shipment`: ``confirmShipment(_:)``;
    /// - `.acknowledgement`: `.validation`, Mirakl has none (new orders are accepted line by line).
    public func respond(_ response: OrderResponse) async throws {
        switch response {
        case let .acceptance(orderID, lines): try await accept(orderID, lines)
        case let .shipment(shipment): try await confirmShipment(shipment)
        case let .acknowledgement(orderID):
            throw MarketSyncError(.validation, "\(channel) takes no acknowledgement of orders: each line is accepted or refused (OR21)",
                                  channel: channel, key: "order \(orderID)")
        }
    }

    private func accept(_ orderID: String, _ decisions: [OrderLineDecision]) async throws {
        let subject = "order \(orderID)"
        guard !decisions.isEmpty else {
            throw MarketSyncError(.validation, "\(channel) OR21 needs a decision for every line of \(subject); none given",
                                  channel: channel, key: subject)
        }
        let body = MiraklJSONValue.object([("order_lines", .array(decisions.map {
            .object([("accepted", .bool($0.accepted)), ("id", .string($0.line))])
        }))])
        let response = try await send(.or21, "PUT", "/api/orders/\(Self.segment(orderID))/accept", json: body)
        // A repeat after the order moved on: done if the lines stand as they were answered.
        if response.status == 400, let order = try await currentOrder(orderID), Self.reflects(decisions, order) {
            logger.debug("mirakl acceptance already applied", metadata: [LogKey.channel: "\(channel)", MiraklLogKey.call: "OR21"])
            return
        }
        try errors.check(response, call: .or21, subject: subject)
    }

    /// Whether `order`'s lines stand past acceptance as `decisions` answered them.
    static func reflects(_ decisions: [OrderLineDecision], _ order: ChannelOrder) -> Bool {
        let raw = Dictionary(order.lines.compactMap { line in line.id.map { ($0, line.rawStatus ?? "") } }, uniquingKeysWith: { first, _ in first })
        return decisions.allSatisfy { decision in
            guard let status = raw[decision.line]?.split(separator: "/").first.map(String.init),
                  MiraklOrderState.isPastAcceptance(status) else { return false }
            return decision.accepted ? status != "REFUSED" : (status == "REFUSED" || status == "CANCELED")
        }
    }

    /// Confirms a shipment: OR23 (`carrier_code` and `tracking_number`; a carrier written `name:…` is one the operator
    /// has not registered and goes as `carrier_name`), then OR24, which moves the order from `SHIPPING` to
    /// `SHIPPED`. Mirakl ships whole orders (the multiple-shipments feature is not used), so a shipment naming lines
    /// must name every live line of the order. A repeat on an order already shipped (either call answering 400 while
    /// OR11 shows the order `SHIPPED` or later) is done.
    public func confirmShipment(_ shipment: Shipment) async throws {
        let orderID = shipment.orderID
        let subject = "order \(orderID)"
        for (key, value) in [("carrier", shipment.carrier), ("tracking_number", shipment.trackingNumber)]
        where value.trimmingWhitespace().isEmpty {
            throw MarketSyncError(.validation, "shipment of \(subject) has no \(key)", channel: channel, key: key)
        }
        if !shipment.lines.isEmpty {
            guard let order = try await currentOrder(orderID) else {
                throw MarketSyncError(.validation, "\(channel) does not list \(subject)", channel: channel, key: subject)
            }
            let live = Set(order.lines.filter { $0.state != .cancelled && $0.state != .refused }.compactMap(\.id))
            guard live.isSubset(of: Set(shipment.lines.map(\.line))) else {
                throw MarketSyncError(.validation, "\(channel) ships whole orders: the shipment of \(subject) leaves out lines "
                                      + "\(live.subtracting(shipment.lines.map(\.line)).sorted().joined(separator: ", "))",
                                      channel: channel, key: subject)
            }
        }
        let carrier = shipment.carrier.trimmingWhitespace()
        let carrierField: (String, MiraklJSONValue) = carrier.lowercased().hasPrefix("name:")
            ? ("carrier_name", .string(String(carrier.dropFirst(5)).trimmingWhitespace()))
            : ("carrier_code", .string(carrier))
        let tracking = MiraklJSONValue.object([carrierField, ("tracking_number", .string(shipment.trackingNumber))])
        let path = "/api/orders/\(Self.segment(orderID))"
        let first = try await send(.or23, "PUT", "\(path)/tracking", json: tracking)
        if try await alreadyShipped(first, call: .or23, orderID: orderID) { return }
        let second = try await send(.or24, "PUT", "\(path)/ship")
        _ = try await alreadyShipped(second, call: .or24, orderID: orderID)
    }

    /// Returns false after a 2xx; true when a 400 comes for an order OR11 shows shipped or later (a repeat); throws
    /// the mapped error otherwise.
    private func alreadyShipped(_ response: WireResponse, call: MiraklCall, orderID: String) async throws -> Bool {
        if response.status == 400, let order = try await currentOrder(orderID),
           MiraklOrderState.shippedOrLater.contains(order.rawStatus.split(separator: " ").first.map(String.init) ?? "") {
            return true
        }
        try errors.check(response, call: call, subject: "order \(orderID)")
        return false
    }

    /// Lists one order with OR11 (`max=1`): the key is checked and nothing changes on the channel, so a wrong key
    /// throws `.unauthorized` here (`check-config --online`).
    public func verifyAccess() async throws {
        _ = try await listOrders([("max", "1")])
    }
}
