internal import Foundation
internal import MarketSync

/// The JSON bodies the adapter sends, as Walmart's documents give them (docs/channels.md, "Inventory", "Prices").
/// Keys are written sorted and amounts as exact decimals, so the same change is the same bytes every time.
enum WalmartBodies {
    /// `Inventory` (`inventory.json`): `{"sku": "…", "quantity": {"unit": "EACH", "amount": 120}}`; one item of
    /// the single-item call and of the 1.4 inventory feed.
    struct InventoryItem: Encodable, Sendable {
        var sku: String
        var quantity: Quantity
    }

    /// `InputQty`: `unit` is only ever `EACH`.
    struct Quantity: Encodable, Sendable {
        var unit = "EACH"
        var amount: Int64
    }

    /// The bulk inventory feed, spec 1.4 (`updateBulkInventory`'s example): note the capitals.
    struct InventoryFeed: Encodable, Sendable {
        var header = Header(version: "1.4")
        var items: [InventoryItem]
        enum CodingKeys: String, CodingKey {
            case header = "InventoryHeader", items = "Inventory"
        }
    }

    /// A feed's header.
    struct Header: Encodable, Sendable {
        var version: String
    }

    /// `Price` (`price.json`): the base price of one SKU; one item of the single call and of the 1.7 price feed.
    struct PriceItem: Encodable, Sendable {
        var sku: String
        var pricing: [Pricing]
    }

    /// `Pricing` with only what a base price needs.
    struct Pricing: Encodable, Sendable {
        var currentPriceType = "BASE"
        var currentPrice: Amount
    }

    /// `{"currency": "USD", "amount": 5.49}`.
    struct Amount: Encodable, Sendable {
        var currency: String
        var amount: Decimal
    }

    /// The bulk price feed, spec 1.7 (`priceBulkUploads`'s example).
    struct PriceFeed: Encodable, Sendable {
        var header = Header(version: "1.7")
        var items: [PriceItem]
        enum CodingKeys: String, CodingKey {
            case header = "PriceHeader", items = "Price"
        }
    }

    /// The price item for `price`, converted from minor units exactly.
    static func priceItem(sku: String, price: Money) -> PriceItem {
        PriceItem(sku: sku, pricing: [Pricing(currentPrice: Amount(currency: price.currency.rawValue,
                                                                  amount: Decimal(price.minorUnits) / 100))])
    }

    /// `value` as compact JSON with sorted keys.
    static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
