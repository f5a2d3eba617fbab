internal import Foundation

/// One order in the sandbox, with its lines, their states and refunds (docs/channels.md, "Orders and their states").
struct MiraklSandboxOrder: Sendable, Hashable, Codable {
    var orderID: String
    /// `order_state`; any text (an admin call may set one the adapter never heard of).
    var state: String
    /// Unix seconds of the sandbox's clock.
    var createdAt: Int64
    var updatedAt: Int64
    var hasIncident: Bool
    var currency: String
    var lines: [Line]
    var carrierCode: String?
    var carrierName: String?
    var trackingNumber: String?
    var acceptedAt: Int64?
    var debitedAt: Int64?
    var shippedAt: Int64?

    /// One order line.
    struct Line: Sendable, Hashable, Codable {
        var id: String
        var offerSKU: String
        var offerID: Int64?
        var quantity: Int64
        /// The unit price as a decimal text (`"12.30"`).
        var priceUnit: String
        var state: String
        var refunds: [Refund]

        enum CodingKeys: String, CodingKey {
            case id = "order_line_id", offerSKU = "offer_sku", offerID = "offer_id", quantity, priceUnit = "price_unit", state, refunds
        }
    }

    /// A refund of a line.
    struct Refund: Sendable, Hashable, Codable {
        var id: String
        var amount: String
        var quantity: Int64
        var state: String
        var createdAt: Int64

        enum CodingKeys: String, CodingKey { case id, amount, quantity, state, createdAt = "created_at" }
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", state, createdAt = "created_at", updatedAt = "updated_at", hasIncident = "has_incident", currency
        case lines, carrierCode = "carrier_code", carrierName = "carrier_name", trackingNumber = "tracking_number"
        case acceptedAt = "accepted_at", debitedAt = "debited_at", shippedAt = "shipped_at"
    }

    /// Line states that are out of the order's life (set aside when it moves on).
    static let closedLineStates: Set<String> = ["REFUSED", "CANCELED", "REFUNDED", "CLOSED"]

    /// Moves the order and each of its live lines (not refused, cancelled, refunded or closed) to `state`.
    mutating func move(to state: String, at now: Int64) {
        self.state = state
        for index in lines.indices where !Self.closedLineStates.contains(lines[index].state) { lines[index].state = state }
        updatedAt = now
    }

    /// The order as OR11 lists it, customer included (the adapter must never read it).
    var of11: [String: Any] {
        let total = lines.reduce(Decimal(0)) { sum, line in sum + (Decimal(string: line.priceUnit) ?? 0) * Decimal(line.quantity) }
        let shippedStates: Set<String> = ["SHIPPED", "TO_COLLECT", "RECEIVED", "CLOSED"]
        var object: [String: Any] = [
            "order_id": orderID, "commercial_id": orderID.split(separator: "-").first.map(String.init) ?? orderID,
            "order_state": state, "order_state_reason_code": NSNull(), "order_state_reason_label": NSNull(),
            "created_date": MiraklSandboxTime.string(createdAt), "last_updated_date": MiraklSandboxTime.string(updatedAt),
            "shipping_deadline": MiraklSandboxTime.string(createdAt + 3 * 86_400),
            "payment_workflow": "PAY_ON_ACCEPTANCE", "currency_iso_code": currency,
            "price": total, "shipping_price": 0, "total_price": total,
            "can_cancel": ["WAITING_ACCEPTANCE", "WAITING_DEBIT", "WAITING_DEBIT_PAYMENT", "SHIPPING"].contains(state),
            "can_shop_ship": state == "SHIPPING", "has_incident": hasIncident,
            "fully_refunded": !lines.isEmpty && lines.allSatisfy { $0.state == "REFUNDED" },
            "customer": [
                "customer_id": "C-\(orderID)", "firstname": "Camille", "lastname": "M.", "locale": "fr_FR",
                "shipping_address": ["city": "Lyon", "country": "FR", "phone": "+33 6 12 34 56 78", "street_1": "1 rue de la Paix",
                                     "zip_code": "69001"],
            ] as [String: Any],
            "order_lines": lines.enumerated().map { index, line -> [String: Any] in
                var entry: [String: Any] = [
                    "order_line_id": line.id, "order_line_index": index + 1, "order_line_state": line.state,
                    "order_line_state_reason_code": NSNull(), "offer_sku": line.offerSKU, "product_sku": line.offerSKU,
                    "product_title": line.offerSKU, "quantity": line.quantity,
                    "price_unit": Decimal(string: line.priceUnit) ?? 0,
                    "price": (Decimal(string: line.priceUnit) ?? 0) * Decimal(line.quantity),
                    "created_date": MiraklSandboxTime.string(createdAt), "last_updated_date": MiraklSandboxTime.string(updatedAt),
                    "can_refund": shippedStates.contains(line.state), "cancelations": [] as [Any],
                    "refunds": line.refunds.map { refund -> [String: Any] in
                        ["id": refund.id, "amount": Decimal(string: refund.amount) ?? 0, "shipping_amount": 0, "quantity": refund.quantity,
                         "reason_code": "RETURN", "state": refund.state, "created_date": MiraklSandboxTime.string(refund.createdAt)]
                    },
                ]
                if let offerID = line.offerID { entry["offer_id"] = offerID }
                if let shippedAt, shippedStates.contains(line.state) { entry["shipped_date"] = MiraklSandboxTime.string(shippedAt) }
                return entry
            },
        ]
        if let acceptedAt { object["acceptance_decision_date"] = MiraklSandboxTime.string(acceptedAt) }
        if let debitedAt { object["customer_debited_date"] = MiraklSandboxTime.string(debitedAt) }
        if let carrierCode { object["shipping_carrier_code"] = carrierCode }
        if let company = carrierName ?? carrierCode { object["shipping_company"] = company }
        if let trackingNumber { object["shipping_tracking"] = trackingNumber }
        return object
    }
}
