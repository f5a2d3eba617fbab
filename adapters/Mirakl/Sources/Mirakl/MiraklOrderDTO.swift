internal import Foundation
internal import MarketSync

/// One order of an OR11 answer (`orders[]`: docs/channels.md, "Orders and their states"), read strictly: a field
/// the documentation types (ids and states as strings, quantities as integers, amounts as numbers, dates as ISO 8601)
/// that is missing or of another type is a ``MiraklOrderProblem``, never a guessed value. Unknown fields are ignored;
/// the customer (name, address, phone) is never read.
struct MiraklOrderDTO: Sendable, Hashable {
    var orderID: String
    var orderState: String
    var hasIncident: Bool
    var createdDate: Date?
    var lastUpdatedDate: Date
    var currency: Currency
    var totalPrice: Money?
    var shippingTracking: String?
    var lines: [Line]

    /// One of `order_lines[]`.
    struct Line: Sendable, Hashable {
        var id: String
        var state: String
        var offerSKU: String?
        var offerID: String?
        var quantity: Int64
        var priceUnit: Money?
        var refundStates: [String]
    }

    /// Reads one order; `fallbackCurrency` when it names none (`currency_iso_code`).
    init(json: [String: Any], fallbackCurrency: Currency) throws(MiraklOrderProblem) {
        guard let id = MiraklJSON.string(json["order_id"]), !id.isEmpty else { throw .init(field: "order_id", orderID: nil) }
        orderID = id
        func problem(_ field: String) -> MiraklOrderProblem { .init(field: field, orderID: id) }
        guard let state = MiraklJSON.string(json["order_state"]), !state.isEmpty else { throw problem("order_state") }
        orderState = state
        if let value = json["has_incident"], !(value is NSNull) {
            guard let flag = MiraklJSON.bool(value) else { throw problem("has_incident") }
            hasIncident = flag
        } else {
            hasIncident = false
        }
        guard let updatedText = MiraklJSON.string(json["last_updated_date"]), let updated = MiraklTime.parse(updatedText) else {
            throw problem("last_updated_date")
        }
        lastUpdatedDate = updated
        createdDate = try Self.optionalDate(json["created_date"], field: "created_date", orderID: id)
        if let value = json["currency_iso_code"], !(value is NSNull) {
            guard let code = MiraklJSON.string(value), code.count == 3 else { throw problem("currency_iso_code") }
            currency = Currency(rawValue: code)
        } else {
            currency = fallbackCurrency
        }
        let currency = currency
        if let value = json["total_price"], !(value is NSNull) {
            guard !(value is String), let money = MiraklJSON.money(value, currency: currency) else { throw problem("total_price") }
            totalPrice = money
        }
        if let value = json["shipping_tracking"], !(value is NSNull) {
            guard let text = MiraklJSON.string(value) else { throw problem("shipping_tracking") }
            shippingTracking = text.isEmpty ? nil : text
        }
        guard let entries = json["order_lines"] as? [Any] else { throw problem("order_lines") }
        var lines: [Line] = []
        for (index, entry) in entries.enumerated() {
            let at = "order_lines[\(index)]"
            guard let line = entry as? [String: Any] else { throw problem(at) }
            guard let lineID = MiraklJSON.string(line["order_line_id"]), !lineID.isEmpty else { throw problem("\(at).order_line_id") }
            guard let lineState = MiraklJSON.string(line["order_line_state"]), !lineState.isEmpty else {
                throw problem("\(at).order_line_state")
            }
            guard let quantity = MiraklJSON.integer(line["quantity"]), quantity >= 0 else { throw problem("\(at).quantity") }
            var offerSKU: String?
            if let value = line["offer_sku"], !(value is NSNull) {
                guard let text = MiraklJSON.string(value) else { throw problem("\(at).offer_sku") }
                offerSKU = text.isEmpty ? nil : text
            }
            var offerID: String?
            if let value = line["offer_id"], !(value is NSNull) {
                guard let text = MiraklJSON.id(value) else { throw problem("\(at).offer_id") }
                offerID = text
            }
            guard offerSKU != nil || offerID != nil else { throw problem("\(at).offer_sku") }
            var priceUnit: Money?
            if let value = line["price_unit"], !(value is NSNull) {
                guard !(value is String), let money = MiraklJSON.money(value, currency: currency) else { throw problem("\(at).price_unit") }
                priceUnit = money
            }
            var refundStates: [String] = []
            if let value = line["refunds"], !(value is NSNull) {
                guard let refunds = value as? [Any] else { throw problem("\(at).refunds") }
                for (number, refund) in refunds.enumerated() {
                    guard let object = refund as? [String: Any], let refundState = MiraklJSON.string(object["state"]) else {
                        throw problem("\(at).refunds[\(number)].state")
                    }
                    refundStates.append(refundState)
                }
            }
            lines.append(Line(id: lineID, state: lineState, offerSKU: offerSKU, offerID: offerID, quantity: quantity,
                              priceUnit: priceUnit, refundStates: refundStates))
        }
        self.lines = lines
    }

    private static func optionalDate(_ value: Any?, field: String, orderID: String) throws(MiraklOrderProblem) -> Date? {
        guard let value, !(value is NSNull) else { return nil }
        guard let text = MiraklJSON.string(value), let date = MiraklTime.parse(text) else {
            throw MiraklOrderProblem(field: field, orderID: orderID)
        }
        return date
    }

    /// The order in the common model: each line's state from the mapping table (refunds included), the order's the
    /// roll-up of its lines' (`incident` when the order says `has_incident`), `order_state` and each line's state kept
    /// raw. A line's SKU is its `offer_sku` (ours) and its listing the `offer_id`; the store links it by either.
    var channelOrder: ChannelOrder {
        let mapped = lines.map { line -> OrderLine in
            let state = MiraklOrderState.lineState(line.state, refunds: line.refundStates)
            let raw = ([line.state] + line.refundStates).joined(separator: "/")
            return OrderLine(sku: SKU(line.offerSKU ?? line.offerID ?? line.id), quantity: line.quantity, unitPrice: line.priceUnit,
                             listing: line.offerID, id: line.id, state: state, rawStatus: raw)
        }
        let rolled = OrderState.rollUp(mapped.compactMap(\.state)) ?? MiraklOrderState.state(orderState)
        return ChannelOrder(id: orderID, state: hasIncident ? .incident : rolled,
                            rawStatus: hasIncident ? "\(orderState) has_incident" : orderState,
                            updatedAt: lastUpdatedDate, lines: mapped, total: totalPrice, trackingNumber: shippingTracking,
                            placedAt: createdDate)
    }
}

/// A field of an OR11 order that is missing or not of the documented type.
struct MiraklOrderProblem: Error, Sendable {
    var field: String
    var orderID: String?
}
