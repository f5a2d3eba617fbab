public import Foundation
public import MarketSync

/// How to reach one shop on one operator's Mirakl instance (docs/channels.md, "Mirakl"): the instance, the shop's
/// API key, and the offer fields the adapter fills in when it creates an offer.
///
/// Never prints its key: `description` and reflection (`dump`, debugger) show it redacted.
public struct MiraklSettings: Sendable, CustomStringConvertible, CustomReflectable {
    /// The instance's base URL (`https://carrefourfr.mirakl.net`); every call's path starts with `/api` under it.
    public var baseURL: URL
    /// The shop's API key, sent raw in `Authorization` (no `Bearer`: docs/channels.md, "Every call").
    public var apiKey: String
    /// The shop, when the key's user has several (`shop_id` on every call); nil: the user's default shop.
    public var shopID: String?
    /// The offer condition sent as `state_code` (`11`, new, on the instances documented).
    public var stateCode: String
    /// The reference type sent as `product_id_type` when an offer is created (with the catalog's listing, else the SKU,
    /// as `product_id`).
    public var productIDType: String
    /// Days to ship sent as `leadtime_to_ship` when the channel has none for the offer; nil: the channel's value
    /// (read back with OF21) is kept, and a new offer gets none.
    public var leadtimeToShip: Int?
    /// Orders per OR11 page (`max`), 1...100.
    public var pageSize: Int
    /// Offers listed per OF21 page when the adapter reads back what the channel holds, 1...100.
    public var offerPageSize: Int
    /// The operator's currency: prices are planned and sent in it.
    public var currency: Currency
    /// The request rate the adapter advertises to the engine's limiter.
    public var rateLimit: RateLimit
    /// The shortest time between two OF24 calls (Mirakl allows one a minute; docs/channels.md, "Rate limits").
    public var importInterval: Duration
    /// The shortest time between two OF02 questions about one import (at most once a minute).
    public var statusInterval: Duration

    /// Orders per OR11 page at most (the adapter asks for 100; a larger `max` is unconfirmed).
    public static let maxPageSize = 100
    /// Offers per OF24 call at most (no limit is documented; docs/channels.md, "Asynchronous imports").
    public static let maxBatch = 1000
    /// Five requests a second, burst 10: every call but OF24 and OR11 is allowed "at each event"; those two are
    /// paced by the adapter itself (``importInterval``) or are a few calls a run.
    public static let defaultRateLimit = RateLimit(requestsPerSecond: 5, burst: 10)
    /// The operators documented sell in euros.
    public static let defaultCurrency = Currency(rawValue: "EUR")

    /// Settings with documented defaults; page sizes are clamped to 1...100.
    public init(baseURL: URL, apiKey: String, shopID: String? = nil, stateCode: String = "11", productIDType: String = "SHOP_SKU",
                leadtimeToShip: Int? = nil, pageSize: Int = 100, offerPageSize: Int = 100,
                currency: Currency = MiraklSettings.defaultCurrency, rateLimit: RateLimit = MiraklSettings.defaultRateLimit,
                importInterval: Duration = .seconds(60), statusInterval: Duration = .seconds(60)) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.shopID = shopID
        self.stateCode = stateCode
        self.productIDType = productIDType
        self.leadtimeToShip = leadtimeToShip
        self.pageSize = min(max(pageSize, 1), Self.maxPageSize)
        self.offerPageSize = min(max(offerPageSize, 1), Self.maxPageSize)
        self.currency = currency
        self.rateLimit = rateLimit
        self.importInterval = importInterval
        self.statusInterval = statusInterval
    }

    /// The settings with the key redacted.
    public var description: String {
        "MiraklSettings(baseURL: \(baseURL.absoluteString), apiKey: <redacted>, shopID: \(shopID ?? "default"), "
            + "currency: \(currency), pageSize: \(pageSize))"
    }

    /// Reflection shows the same redacted fields, so `dump(settings)` cannot leak the key.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "baseURL": baseURL.absoluteString, "apiKey": "<redacted>", "shopID": shopID as Any, "stateCode": stateCode,
            "productIDType": productIDType, "leadtimeToShip": leadtimeToShip as Any, "pageSize": pageSize,
            "offerPageSize": offerPageSize, "currency": currency, "rateLimit": rateLimit,
            "importInterval": importInterval, "statusInterval": statusInterval,
        ], displayStyle: .struct)
    }
}
