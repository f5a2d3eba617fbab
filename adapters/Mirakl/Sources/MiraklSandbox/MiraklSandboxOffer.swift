internal import Foundation

/// One offer as the sandbox holds it: every field OF24 sets, each reset when a line leaves it out (docs/channels.md,
/// "What a local sandbox must imitate"), so an adapter that sends partial records loses data here as it would on
/// Mirakl.
struct MiraklSandboxOffer: Sendable, Hashable, Codable {
    var offerID: Int64
    var shopSKU: String
    var productID: String
    var productIDType: String
    /// The price as a decimal text with two decimals (`"12.30"`); nil: the offer has none and is not for sale.
    var price: String?
    var quantity: Int64
    var stateCode: String
    var description: String?
    var internalDescription: String?
    var priceAdditionalInfo: String?
    var leadtimeToShip: Int64?
    var logisticClass: String?
    var minOrderQuantity: Int64?
    var maxOrderQuantity: Int64?
    var packageQuantity: Int64?
    var minQuantityAlert: Int64?
    var availableStarted: String?
    var availableEnded: String?
    var allowQuoteRequests: Bool
    var productTaxCode: String?
    var additionalFields: [String: String]

    enum CodingKeys: String, CodingKey {
        case offerID = "offer_id", shopSKU = "shop_sku", productID = "product_id", productIDType = "product_id_type", price
        case quantity, stateCode = "state_code", description, internalDescription = "internal_description"
        case priceAdditionalInfo = "price_additional_info", leadtimeToShip = "leadtime_to_ship", logisticClass = "logistic_class"
        case minOrderQuantity = "min_order_quantity", maxOrderQuantity = "max_order_quantity", packageQuantity = "package_quantity"
        case minQuantityAlert = "min_quantity_alert", availableStarted = "available_started", availableEnded = "available_ended"
        case allowQuoteRequests = "allow_quote_requests", productTaxCode = "product_tax_code", additionalFields = "offer_additional_fields"
    }

    /// The offer after an OF24 line: every field as the line gives it, the others reset (a missing `quantity` is 0, a
    /// missing text or number is removed, `allow_quote_requests` false). The product reference stays when the line does
    /// not give one (optional on update).
    func applying(_ line: MiraklSandboxOfferLine) -> MiraklSandboxOffer {
        MiraklSandboxOffer(
            offerID: offerID, shopSKU: shopSKU, productID: line.productID ?? productID, productIDType: line.productIDType ?? productIDType,
            price: line.price, quantity: line.quantity ?? 0, stateCode: line.stateCode ?? stateCode,
            description: line.description, internalDescription: line.internalDescription,
            priceAdditionalInfo: line.priceAdditionalInfo, leadtimeToShip: line.leadtimeToShip, logisticClass: line.logisticClass,
            minOrderQuantity: line.minOrderQuantity, maxOrderQuantity: line.maxOrderQuantity, packageQuantity: line.packageQuantity,
            minQuantityAlert: line.minQuantityAlert, availableStarted: line.availableStarted, availableEnded: line.availableEnded,
            allowQuoteRequests: line.allowQuoteRequests ?? false, productTaxCode: line.productTaxCode,
            additionalFields: line.additionalFields ?? [:])
    }

    /// The offer as OF21 lists it.
    func of21(currency: String) -> [String: Any] {
        var object: [String: Any] = [
            "offer_id": offerID, "shop_sku": shopSKU, "product_sku": productID, "quantity": quantity, "state_code": stateCode,
            "active": price != nil && quantity > 0, "allow_quote_requests": allowQuoteRequests, "currency_iso_code": currency,
            "product_references": [["reference": productID, "reference_type": productIDType]],
            "offer_additional_fields": additionalFields.keys.sorted().map { ["code": $0, "type": "STRING", "value": additionalFields[$0] ?? ""] },
        ]
        if let price, let number = Decimal(string: price) { object["price"] = number; object["total_price"] = number }
        if price == nil { object["inactivity_reasons"] = ["NO_PRICE"] }
        if let description { object["description"] = description }
        if let internalDescription { object["internal_description"] = internalDescription }
        if let priceAdditionalInfo { object["price_additional_info"] = priceAdditionalInfo }
        if let leadtimeToShip { object["leadtime_to_ship"] = leadtimeToShip }
        if let logisticClass { object["logistic_class"] = ["code": logisticClass, "label": logisticClass] }
        if let minOrderQuantity { object["min_order_quantity"] = minOrderQuantity }
        if let maxOrderQuantity { object["max_order_quantity"] = maxOrderQuantity }
        if let packageQuantity { object["package_quantity"] = packageQuantity }
        if let minQuantityAlert { object["min_quantity_alert"] = minQuantityAlert }
        if let availableStarted { object["available_start_date"] = availableStarted }
        if let availableEnded { object["available_end_date"] = availableEnded }
        if let productTaxCode { object["product_tax_code"] = productTaxCode }
        return object
    }
}

/// One entry of OF24's `offers[]` as sent (every field optional; what is missing is reset when applied).
struct MiraklSandboxOfferLine: Sendable, Hashable, Codable {
    var shopSKU: String
    var productID: String?
    var productIDType: String?
    var price: String?
    var quantity: Int64?
    var stateCode: String?
    var updateDelete: String?
    var description: String?
    var internalDescription: String?
    var priceAdditionalInfo: String?
    var leadtimeToShip: Int64?
    var logisticClass: String?
    var minOrderQuantity: Int64?
    var maxOrderQuantity: Int64?
    var packageQuantity: Int64?
    var minQuantityAlert: Int64?
    var availableStarted: String?
    var availableEnded: String?
    var allowQuoteRequests: Bool?
    var productTaxCode: String?
    var additionalFields: [String: String]?
    /// Why the line cannot be applied, found when it was read (a field of the wrong type); the import reports it.
    var problem: String?

    enum CodingKeys: String, CodingKey {
        case shopSKU = "shop_sku", productID = "product_id", productIDType = "product_id_type", price, quantity
        case stateCode = "state_code", updateDelete = "update_delete", description, internalDescription = "internal_description"
        case priceAdditionalInfo = "price_additional_info", leadtimeToShip = "leadtime_to_ship", logisticClass = "logistic_class"
        case minOrderQuantity = "min_order_quantity", maxOrderQuantity = "max_order_quantity", packageQuantity = "package_quantity"
        case minQuantityAlert = "min_quantity_alert", availableStarted = "available_started", availableEnded = "available_ended"
        case allowQuoteRequests = "allow_quote_requests", productTaxCode = "product_tax_code", additionalFields = "offer_additional_fields"
        case problem
    }

    /// Reads one `offers[]` entry; nil without a `shop_sku`. A value of the wrong type is kept as the line's
    /// ``problem`` (Mirakl reports such lines in the import's error report, not in the HTTP answer).
    init?(json: [String: Any]) {
        guard let sku = json["shop_sku"] as? String, !sku.isEmpty else { return nil }
        shopSKU = sku
        var problems: [String] = []
        func text(_ key: String) -> String? {
            guard let value = json[key], !(value is NSNull) else { return nil }
            guard let text = value as? String else {
                problems.append("\(key) must be text")
                return nil
            }
            return text
        }
        func whole(_ key: String) -> Int64? {
            guard let value = json[key], !(value is NSNull) else { return nil }
            guard !(value is String), let number = value as? NSNumber, number.doubleValue.rounded() == number.doubleValue,
                  number.doubleValue >= 0 else {
                problems.append("\(key) must be a whole number, at least 0")
                return nil
            }
            return number.int64Value
        }
        productID = text("product_id")
        productIDType = text("product_id_type")
        if let value = json["price"], !(value is NSNull) {
            if !(value is String), let number = value as? NSNumber, number.doubleValue > 0, number.doubleValue < 1e12 {
                let minor = Int64((number.doubleValue * 100).rounded())
                price = "\(minor / 100).\(minor % 100 < 10 ? "0" : "")\(minor % 100)"
            } else {
                problems.append("price must be a number above 0")
            }
        }
        quantity = whole("quantity")
        stateCode = text("state_code")
        updateDelete = text("update_delete")
        description = text("description")
        internalDescription = text("internal_description")
        priceAdditionalInfo = text("price_additional_info")
        leadtimeToShip = whole("leadtime_to_ship")
        logisticClass = text("logistic_class")
        minOrderQuantity = whole("min_order_quantity")
        maxOrderQuantity = whole("max_order_quantity")
        packageQuantity = whole("package_quantity")
        minQuantityAlert = whole("min_quantity_alert")
        availableStarted = text("available_started")
        availableEnded = text("available_ended")
        if let value = json["allow_quote_requests"], !(value is NSNull) {
            if let flag = value as? Bool { allowQuoteRequests = flag } else { problems.append("allow_quote_requests must be true or false") }
        }
        productTaxCode = text("product_tax_code")
        if let fields = json["offer_additional_fields"] as? [Any] {
            var values: [String: String] = [:]
            for field in fields {
                guard let object = field as? [String: Any], let code = object["code"] as? String else {
                    problems.append("offer_additional_fields need a code")
                    continue
                }
                values[code] = (object["value"] as? String) ?? (object["value"] as? NSNumber)?.stringValue ?? ""
            }
            additionalFields = values
        }
        problem = problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}
