internal import Foundation
internal import MarketSync
internal import Mirakl

extension MiraklSandbox {
    /// OR11: orders filtered by `order_ids`, `order_state_codes`, `start_update_date` (minus the deliberate delta) and
    /// `end_update_date`, ordered by creation date then id, paged by `offset`/`max` (all of them with
    /// `paginate=false`), with `total_count` and a `Link: <…>; rel="next"` header while more follow.
    static func listOrders(_ world: MiraklSandboxState, _ query: [String: String], path: String) -> WireResponse {
        let page: (offset: Int, max: Int)
        switch paging(query) {
        case let .success(value): page = value
        case let .failure(answer): return answer.response
        }
        var orders = Array(world.orders.values)
        if let ids = query["order_ids"], !ids.isEmpty {
            let wanted = Set(ids.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            guard wanted.count <= 100 else { return error(400, code: "VALIDATION_ERROR", "order_ids takes at most 100 ids") }
            orders = orders.filter { wanted.contains($0.orderID) }
        }
        if let codes = query["order_state_codes"], !codes.isEmpty {
            let wanted = Set(codes.split(separator: ",").map(String.init))
            orders = orders.filter { wanted.contains($0.state) }
        }
        for (key, isStart) in [("start_update_date", true), ("end_update_date", false)] {
            guard let text = query[key] else { continue }
            guard let date = MiraklTime.parse(text) else { return error(400, code: "VALIDATION_ERROR", "\(key) must be an ISO 8601 date") }
            let bound = unixSeconds(date)
            orders = orders.filter { isStart ? $0.updatedAt >= bound - world.settings.orderDeltaSeconds : $0.updatedAt <= bound }
        }
        orders.sort { ($0.createdAt, $0.orderID) < ($1.createdAt, $1.orderID) }
        let all = query["paginate"] == "false"
        let slice = all ? orders[...] : orders.dropFirst(page.offset).prefix(page.max)
        var headers: [HeaderField] = []
        if !all, page.offset + slice.count < orders.count {
            var items = query.filter { $0.key != "offset" }.sorted { $0.key < $1.key }.map { "\($0.key)=\(MiraklAdapter.encode($0.value))" }
            items.append("offset=\(page.offset + slice.count)")
            headers.append(HeaderField("Link", "<\(path)?\(items.joined(separator: "&"))>; rel=\"next\""))
        }
        return json(200, ["orders": slice.map(\.of11), "total_count": orders.count], headers: headers)
    }

    /// OR21: a decision for every line waiting for acceptance; accepted lines go to `WAITING_DEBIT_PAYMENT` (or
    /// straight to `SHIPPING` when the sandbox debits on acceptance), refused ones to `REFUSED`; all refused, the order
    /// is `REFUSED`. Mirakl's error codes for the wrong state and for missing, duplicate, unknown or partial decisions.
    static func accept(_ world: inout MiraklSandboxState, _ id: String, _ body: Data, now: Int64) -> WireResponse {
        guard var order = world.orders[id] else { return error(404, code: "ORDER_NOT_FOUND", "order \(id) not found") }
        guard order.state == "WAITING_ACCEPTANCE" else {
            return error(400, code: "ORDER_INVALID_STATE", "order \(id) is \(order.state), not WAITING_ACCEPTANCE")
        }
        guard let entries = object(body)?["order_lines"] as? [Any], !entries.isEmpty else {
            return error(400, code: "VALIDATION_ERROR", "order_lines is required")
        }
        var decisions: [String: Bool] = [:]
        for entry in entries {
            guard let line = entry as? [String: Any] else { return error(400, code: "ORDER_LINE_NULL_ELEMENT", "an order line is null") }
            guard let lineID = line["id"] as? String, let accepted = line["accepted"] as? Bool else {
                return error(400, code: "VALIDATION_ERROR", "each order line needs id and accepted")
            }
            guard order.lines.contains(where: { $0.id == lineID }) else {
                return error(400, code: "ORDER_LINE_NOT_FOUND", "order line \(lineID) not found in order \(id)")
            }
            guard decisions.updateValue(accepted, forKey: lineID) == nil else {
                return error(400, code: "ORDER_LINE_DUPLICATE_ID", "order line \(lineID) is given twice")
            }
        }
        let waiting = order.lines.filter { $0.state == "WAITING_ACCEPTANCE" }.map(\.id)
        if let missing = waiting.first(where: { decisions[$0] == nil }) {
            return error(400, code: "ORDER_LINE_ACCEPTANCE_DECISION_MISSING", "order line \(missing) has no decision")
        }
        if !world.settings.partialAcceptance, Set(decisions.values).count > 1 {
            return error(400, code: "ORDER_PARTIAL_ACCEPTANCE_DISABLED", "the operator does not allow refusing part of an order")
        }
        let acceptedState = world.settings.debitOnAcceptance ? "SHIPPING" : "WAITING_DEBIT_PAYMENT"
        for index in order.lines.indices {
            guard let accepted = decisions[order.lines[index].id] else { continue }
            order.lines[index].state = accepted ? acceptedState : "REFUSED"
        }
        order.state = order.lines.allSatisfy { $0.state == "REFUSED" } ? "REFUSED" : acceptedState
        order.acceptedAt = now
        if world.settings.debitOnAcceptance, order.state == "SHIPPING" { order.debitedAt = now }
        order.updatedAt = now
        world.orders[id] = order
        return noContent
    }

    /// OR23: the carrier (`carrier_code`, or `carrier_name` for one the operator has not registered) and the tracking
    /// number, on an order in `SHIPPING` (or already shipped: a correction).
    static func tracking(_ world: inout MiraklSandboxState, _ id: String, _ body: Data, now: Int64) -> WireResponse {
        guard var order = world.orders[id] else { return error(404, code: "ORDER_NOT_FOUND", "order \(id) not found") }
        guard ["SHIPPING", "SHIPPED", "TO_COLLECT"].contains(order.state) else {
            return error(400, code: "ORDER_INVALID_STATE", "order \(id) is \(order.state): tracking needs SHIPPING")
        }
        let fields = object(body) ?? [:]
        let code = (fields["carrier_code"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        let name = (fields["carrier_name"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        guard code != nil || name != nil else {
            return error(400, code: "VALIDATION_ERROR", "carrier_code or carrier_name is required")
        }
        guard let number = fields["tracking_number"] as? String, !number.isEmpty else {
            return error(400, code: "VALIDATION_ERROR", "tracking_number is required")
        }
        order.carrierCode = code
        order.carrierName = name
        order.trackingNumber = number
        order.updatedAt = now
        world.orders[id] = order
        return noContent
    }

    /// OR24: `SHIPPING` → `SHIPPED`; any other state is `ORDER_INVALID_STATE`.
    static func ship(_ world: inout MiraklSandboxState, _ id: String, now: Int64) -> WireResponse {
        guard var order = world.orders[id] else { return error(404, code: "ORDER_NOT_FOUND", "order \(id) not found") }
        guard order.state == "SHIPPING" else {
            return error(400, code: "ORDER_INVALID_STATE", "order \(id) is \(order.state), not SHIPPING")
        }
        order.move(to: "SHIPPED", at: now)
        order.shippedAt = now
        world.orders[id] = order
        return noContent
    }

    /// OR29: cancels a whole order that may still be cancelled (`can_cancel`).
    static func cancel(_ world: inout MiraklSandboxState, _ id: String, now: Int64) -> WireResponse {
        guard var order = world.orders[id] else { return error(404, code: "ORDER_NOT_FOUND", "order \(id) not found") }
        guard ["WAITING_ACCEPTANCE", "WAITING_DEBIT", "WAITING_DEBIT_PAYMENT", "SHIPPING"].contains(order.state) else {
            return error(400, code: "ORDER_INVALID_STATE", "order \(id) is \(order.state) and cannot be cancelled")
        }
        order.move(to: "CANCELED", at: now)
        world.orders[id] = order
        return noContent
    }

    /// OR30: cancels lines (`cancelations[]` by `order_line_id`); an order with every line cancelled is `CANCELED`.
    static func cancelLines(_ world: inout MiraklSandboxState, _ body: Data, now: Int64) -> WireResponse {
        guard let entries = object(body)?["cancelations"] as? [Any], !entries.isEmpty else {
            return error(400, code: "VALIDATION_ERROR", "cancelations is required")
        }
        for entry in entries {
            guard let lineID = (entry as? [String: Any])?["order_line_id"] as? String,
                  let orderID = world.orders.values.first(where: { $0.lines.contains { $0.id == lineID } })?.orderID,
                  var order = world.orders[orderID], let index = order.lines.firstIndex(where: { $0.id == lineID }) else {
                return error(400, code: "ORDER_LINE_NOT_FOUND", "an order line to cancel was not found")
            }
            order.lines[index].state = "CANCELED"
            if order.lines.allSatisfy({ $0.state == "CANCELED" }) { order.state = "CANCELED" }
            order.updatedAt = now
            world.orders[orderID] = order
        }
        return noContent
    }

    /// OR28: a refund per entry of `refunds[]` (by `order_line_id`, `amount` required), `WAITING_REFUND` until the
    /// admin completes it.
    static func refund(_ world: inout MiraklSandboxState, _ body: Data, now: Int64) -> WireResponse {
        guard let entries = object(body)?["refunds"] as? [Any], !entries.isEmpty else {
            return error(400, code: "VALIDATION_ERROR", "refunds is required")
        }
        var created: [[String: Any]] = []
        for entry in entries {
            guard let fields = entry as? [String: Any], let lineID = fields["order_line_id"] as? String,
                  let amount = fields["amount"] as? NSNumber, !(fields["amount"] is String) else {
                return error(400, code: "VALIDATION_ERROR", "each refund needs order_line_id and amount")
            }
            guard let refundID = addRefund(&world, line: lineID, amount: amount.doubleValue,
                                           quantity: (fields["quantity"] as? NSNumber)?.int64Value ?? 1, state: "WAITING_REFUND", now: now) else {
                return error(400, code: "ORDER_LINE_NOT_FOUND", "order line \(lineID) not found")
            }
            created.append(["refund_id": refundID, "order_line_id": lineID, "amount": amount])
        }
        return json(200, ["refunds": created])
    }

    /// Adds a refund to a line; its id, or nil when no order has the line.
    static func addRefund(_ world: inout MiraklSandboxState, line lineID: String, amount: Double, quantity: Int64, state: String,
                          now: Int64) -> String? {
        guard let orderID = world.orders.values.first(where: { $0.lines.contains { $0.id == lineID } })?.orderID,
              var order = world.orders[orderID], let index = order.lines.firstIndex(where: { $0.id == lineID }) else { return nil }
        let id = String(world.nextRefundID)
        world.nextRefundID += 1
        let minor = Int64((amount * 100).rounded())
        order.lines[index].refunds.append(.init(id: id, amount: "\(minor / 100).\(minor % 100 < 10 ? "0" : "")\(minor % 100)",
                                                quantity: quantity, state: state, createdAt: now))
        order.updatedAt = now
        world.orders[orderID] = order
        return id
    }
}
