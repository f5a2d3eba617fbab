internal import Foundation
internal import MarketSync
internal import Walmart

extension WalmartSandbox {
    /// The currencies `CurrentPrice.currency` allows (`price.json`).
    static let currencies: Set<String> = ["USD", "CAD"]

    /// `updateInventoryForAnItem`: `PUT /v3/inventory?sku=`, body `{"sku", "quantity": {"unit": "EACH", "amount"}}`;
    /// the query's and the body's SKU must agree; the answer echoes the body.
    static func updateInventory(_ request: WireRequest, query: [String: String], world: inout WalmartSandboxState)
        -> Result<WireResponse, WalmartSandboxError>
    {
        guard let sku = query["sku"], !sku.isEmpty else { return .failure(.missingParam("sku")) }
        guard let body = WalmartJSON.object(request.body) else { return .failure(.invalid("body", "the body is not a JSON object")) }
        switch inventoryItem(body) {
        case let .failure(error): return .failure(error)
        case let .success((bodySKU, amount)):
            guard bodySKU == sku else { return .failure(.invalid("sku", "the body's sku differs from the query's")) }
            guard amount >= 0 else { return .failure(.invalid("quantity.amount", "quantity must not be negative")) }
            world.inventory[sku] = amount
            world.stockHistory[sku, default: []].append(amount)
            return .success(json(200, ["sku": sku, "quantity": ["unit": "EACH", "amount": amount] as [String: Any]]))
        }
    }

    /// An `Inventory` object's SKU and amount, checked as the document's schema says.
    static func inventoryItem(_ object: [String: Any]) -> Result<(String, Int64), WalmartSandboxError> {
        guard let sku = WalmartJSON.string(object["sku"]), !sku.isEmpty else { return .failure(.invalid("sku", "sku is required")) }
        guard let quantity = object["quantity"] as? [String: Any] else { return .failure(.invalid("quantity", "quantity is required")) }
        guard WalmartJSON.string(quantity["unit"]) == "EACH" else { return .failure(.invalid("quantity.unit", "unit must be EACH")) }
        guard let amount = WalmartJSON.int64(quantity["amount"]) else {
            return .failure(.invalid("quantity.amount", "amount must be a whole number"))
        }
        return .success((sku, amount))
    }

    /// `getInventory`: `GET /v3/inventory?sku=`.
    static func getInventory(query: [String: String], world: WalmartSandboxState) -> Result<WireResponse, WalmartSandboxError> {
        guard let sku = query["sku"], !sku.isEmpty else { return .failure(.missingParam("sku")) }
        guard let amount = world.inventory[sku] else { return .failure(.notFound("no inventory for \(sku)", api: "GMP_INVENTORY_API")) }
        return .success(json(200, ["sku": sku, "quantity": ["unit": "EACH", "amount": amount] as [String: Any]]))
    }

    /// `updatePrice`: `PUT /v3/price`, body `{"sku", "pricing": [{"currentPriceType", "currentPrice": {"currency",
    /// "amount"}}]}`; only USD and CAD are taken.
    static func updatePrice(_ request: WireRequest, world: inout WalmartSandboxState) -> Result<WireResponse, WalmartSandboxError> {
        guard let body = WalmartJSON.object(request.body) else { return .failure(.invalid("body", "the body is not a JSON object")) }
        switch priceItem(body) {
        case let .failure(error): return .failure(error)
        case let .success((sku, entry)):
            world.prices[sku] = entry
            world.priceHistory[sku, default: []].append(entry.amount)
            return .success(json(200, [
                "mart": "WALMART_US", "sku": sku, "statusCode": 200,
                "message": "Thank you. Your price has been updated. Please allow up to five minutes for this change to be reflected on the site.",
            ]))
        }
    }

    /// A `Price` object's SKU and base price, checked as the document's schema says.
    static func priceItem(_ object: [String: Any]) -> Result<(String, WalmartSandboxState.PriceEntry), WalmartSandboxError> {
        guard let sku = WalmartJSON.string(object["sku"]), !sku.isEmpty else { return .failure(.invalid("sku", "sku is required")) }
        guard let pricing = object["pricing"] as? [Any], let first = pricing.first as? [String: Any] else {
            return .failure(.invalid("pricing", "pricing must be a non-empty list"))
        }
        guard let type = WalmartJSON.string(first["currentPriceType"]), ["BASE", "REDUCED", "CLEARANCE"].contains(type) else {
            return .failure(.invalid("pricing.currentPriceType", "currentPriceType must be BASE, REDUCED or CLEARANCE"))
        }
        guard let price = first["currentPrice"] as? [String: Any], let currency = WalmartJSON.string(price["currency"]) else {
            return .failure(.invalid("pricing.currentPrice", "currentPrice needs currency and amount"))
        }
        guard currencies.contains(currency) else {
            return .failure(.invalid("pricing.currentPrice.currency", "currency must be USD or CAD, not \(currency)"))
        }
        guard let amount = WalmartJSON.hundredths(price["amount"]), amount > 0 else {
            return .failure(.invalid("pricing.currentPrice.amount", "amount must be a positive number with at most two decimals"))
        }
        return .success((sku, .init(currency: currency, amount: amount)))
    }
}
