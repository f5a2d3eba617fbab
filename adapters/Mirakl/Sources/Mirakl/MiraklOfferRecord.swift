internal import Foundation
public import MarketSync

/// One offer as a whole: every field OF24 resets when it is not sent (docs/channels.md, "Offers: stock and prices":
/// "You must send all offer fields"). The adapter keeps one per SKU, read back with OF21 or made when it creates the
/// offer, merges each new quantity or price into it and always sends all of it, so a stock push never empties the
/// price and a price push never empties the stock or the description.
///
/// Not kept: `all_prices` (channel and volume prices) and `discount`. The adapter manages one price per offer; a
/// discount set in the operator's back office is reset by the next push.
public struct MiraklOfferRecord: Sendable, Hashable {
    /// The shop's SKU (`shop_sku`): our SKU.
    public var shopSKU: String
    /// Whether the adapter creates the offer: then `product_id` and `product_id_type` go with it (required at creation,
    /// optional on update).
    public var creates: Bool
    /// `product_id`, sent when the offer is created.
    public var productID: String?
    /// `product_id_type`, sent when the offer is created.
    public var productIDType: String?
    /// The price in the operator's currency; nil while the offer has none (a new offer whose price is not pushed
    /// yet: `price` is then left out).
    public var price: Money?
    /// Units offered; nil while unknown (a new offer whose stock is not pushed yet: sent as 0).
    public var quantity: Int64?
    /// `state_code`, the offer's condition.
    public var stateCode: String
    /// `description`.
    public var description: String?
    /// `internal_description`.
    public var internalDescription: String?
    /// `price_additional_info`.
    public var priceAdditionalInfo: String?
    /// `leadtime_to_ship`, days.
    public var leadtimeToShip: Int64?
    /// `logistic_class` (its code).
    public var logisticClass: String?
    /// `min_order_quantity`.
    public var minOrderQuantity: Int64?
    /// `max_order_quantity`.
    public var maxOrderQuantity: Int64?
    /// `package_quantity`.
    public var packageQuantity: Int64?
    /// `min_quantity_alert`.
    public var minQuantityAlert: Int64?
    /// `available_started` (OF21's `available_start_date`), as the channel wrote it.
    public var availableStarted: String?
    /// `available_ended` (OF21's `available_end_date`), as the channel wrote it.
    public var availableEnded: String?
    /// `allow_quote_requests`.
    public var allowQuoteRequests: Bool?
    /// `product_tax_code`.
    public var productTaxCode: String?
    /// `offer_additional_fields`, code and value, in the channel's order.
    public var additionalFields: [AdditionalField]

    /// A custom field of the offer.
    public struct AdditionalField: Sendable, Hashable {
        /// The field's code.
        public var code: String
        /// Its value, as text.
        public var value: String
        /// A field.
        public init(code: String, value: String) {
            self.code = code
            self.value = value
        }
    }

    /// A record as given; everything optional is absent unless set.
    public init(shopSKU: String, creates: Bool = false, productID: String? = nil, productIDType: String? = nil, price: Money? = nil,
                quantity: Int64? = nil, stateCode: String, description: String? = nil, internalDescription: String? = nil,
                priceAdditionalInfo: String? = nil, leadtimeToShip: Int64? = nil, logisticClass: String? = nil,
                minOrderQuantity: Int64? = nil, maxOrderQuantity: Int64? = nil, packageQuantity: Int64? = nil,
                minQuantityAlert: Int64? = nil, availableStarted: String? = nil, availableEnded: String? = nil,
                allowQuoteRequests: Bool? = nil, productTaxCode: String? = nil, additionalFields: [AdditionalField] = []) {
        self.shopSKU = shopSKU
        self.creates = creates
        self.productID = productID
        self.productIDType = productIDType
        self.price = price
        self.quantity = quantity
        self.stateCode = stateCode
        self.description = description
        self.internalDescription = internalDescription
        self.priceAdditionalInfo = priceAdditionalInfo
        self.leadtimeToShip = leadtimeToShip
        self.logisticClass = logisticClass
        self.minOrderQuantity = minOrderQuantity
        self.maxOrderQuantity = maxOrderQuantity
        self.packageQuantity = packageQuantity
        self.minQuantityAlert = minQuantityAlert
        self.availableStarted = availableStarted
        self.availableEnded = availableEnded
        self.allowQuoteRequests = allowQuoteRequests
        self.productTaxCode = productTaxCode
        self.additionalFields = additionalFields
    }

    /// Reads one offer of an OF21 answer (`offers[]`); nil without a `shop_sku`. Amounts are read in `currency`.
    init?(of21 offer: [String: Any], currency: Currency, defaultStateCode: String) {
        guard let sku = MiraklJSON.string(offer["shop_sku"]), !sku.isEmpty else { return nil }
        var logistic = MiraklJSON.string(offer["logistic_class"])
        if let object = offer["logistic_class"] as? [String: Any] { logistic = MiraklJSON.string(object["code"]) }
        var fields: [AdditionalField] = []
        for entry in offer["offer_additional_fields"] as? [Any] ?? [] {
            guard let field = entry as? [String: Any], let code = MiraklJSON.string(field["code"]) else { continue }
            let value = MiraklJSON.string(field["value"]) ?? (field["value"] as? NSNumber)?.stringValue ?? ""
            fields.append(AdditionalField(code: code, value: value))
        }
        self.init(shopSKU: sku,
                  price: offer["price"].flatMap { MiraklJSON.money($0, currency: currency) },
                  quantity: MiraklJSON.integer(offer["quantity"]),
                  stateCode: MiraklJSON.string(offer["state_code"]) ?? defaultStateCode,
                  description: Self.text(offer["description"]),
                  internalDescription: Self.text(offer["internal_description"]),
                  priceAdditionalInfo: Self.text(offer["price_additional_info"]),
                  leadtimeToShip: MiraklJSON.integer(offer["leadtime_to_ship"]),
                  logisticClass: logistic.flatMap { $0.isEmpty ? nil : $0 },
                  minOrderQuantity: MiraklJSON.integer(offer["min_order_quantity"]),
                  maxOrderQuantity: MiraklJSON.integer(offer["max_order_quantity"]),
                  packageQuantity: MiraklJSON.integer(offer["package_quantity"]),
                  minQuantityAlert: MiraklJSON.integer(offer["min_quantity_alert"]),
                  availableStarted: Self.text(offer["available_start_date"] ?? offer["available_started"]),
                  availableEnded: Self.text(offer["available_end_date"] ?? offer["available_ended"]),
                  allowQuoteRequests: MiraklJSON.bool(offer["allow_quote_requests"]),
                  productTaxCode: Self.text(offer["product_tax_code"]),
                  additionalFields: fields)
    }

    private static func text(_ value: Any?) -> String? {
        guard let text = MiraklJSON.string(value), !text.isEmpty else { return nil }
        return text
    }

    /// The offer as one entry of OF24's `offers[]`: every field the record holds, `update_delete: "update"`; a
    /// quantity not known yet goes as 0 (what leaving it out would set), a price not known yet is left out.
    var of24: MiraklJSONValue {
        var fields: [(String, MiraklJSONValue)] = [("shop_sku", .string(shopSKU))]
        if creates, let productID, let productIDType {
            fields.append(("product_id", .string(productID)))
            fields.append(("product_id_type", .string(productIDType)))
        }
        if let price { fields.append(("price", .decimal(price.decimalString))) }
        fields.append(("quantity", .integer(quantity ?? 0)))
        fields.append(("state_code", .string(stateCode)))
        fields.append(("update_delete", .string("update")))
        func add(_ key: String, _ value: String?) { if let value { fields.append((key, .string(value))) } }
        func add(_ key: String, _ value: Int64?) { if let value { fields.append((key, .integer(value))) } }
        add("description", description)
        add("internal_description", internalDescription)
        add("price_additional_info", priceAdditionalInfo)
        add("leadtime_to_ship", leadtimeToShip)
        add("logistic_class", logisticClass)
        add("min_order_quantity", minOrderQuantity)
        add("max_order_quantity", maxOrderQuantity)
        add("package_quantity", packageQuantity)
        add("min_quantity_alert", minQuantityAlert)
        add("available_started", availableStarted)
        add("available_ended", availableEnded)
        if let allowQuoteRequests { fields.append(("allow_quote_requests", .bool(allowQuoteRequests))) }
        add("product_tax_code", productTaxCode)
        if !additionalFields.isEmpty {
            fields.append(("offer_additional_fields", .array(additionalFields.map {
                .object([("code", .string($0.code)), ("value", .string($0.value))])
            })))
        }
        return .object(fields)
    }
}
