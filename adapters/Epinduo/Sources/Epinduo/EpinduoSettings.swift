public import Foundation
public import MarketSync

/// How to reach one Epinduo shop: the router, the app's credentials, the shop's token and the method names
/// (base URL and method names are configuration: docs/channels.md, "Epinduo").
///
/// Never prints its secrets: `description` and reflection (`dump`, debugger) show them redacted.
public struct EpinduoSettings: Sendable, CustomStringConvertible, CustomReflectable {
    /// The router URL every call is POSTed to, e.g. `http://127.0.0.1:8931/api/router`.
    public var baseURL: URL
    /// The app's client ID (not a secret; it is sent in the clear).
    public var clientID: String
    /// The app's client secret; it only ever goes into the signature.
    public var clientSecret: String
    /// The shop's OAuth access token.
    public var accessToken: String
    /// The method names this shop's platform uses.
    public var methods: Methods
    /// Orders per page when listing orders (1...100; the platform caps it at 100: docs/channels.md, "Orders").
    public var pageSize: Int
    /// The request rate the adapter advertises to the engine's limiter.
    public var rateLimit: RateLimit

    /// The router method names (`type` parameter) for each call.
    public struct Methods: Sendable, Hashable {
        /// Stock overwrite of one SKU.
        public var stockUpdate: String
        /// Price update of the SKUs of one goods.
        public var priceUpdate: String
        /// Incremental order list by update time.
        public var orderList: String
        /// Ship confirmation.
        public var ship: String
        /// One order by its number, read when an event names it (docs/channels.md, "Orders").
        public var orderInformation = "pdd.order.information.get"
        /// The shop's own information: read-only, for checking access.
        public var mallInfo = "pdd.mall.info.get"

        /// The Pinduoduo names by default.
        public init(stockUpdate: String = "pdd.goods.quantity.update",
                    priceUpdate: String = "pdd.goods.sku.price.update",
                    orderList: String = "pdd.order.number.list.increment.get",
                    ship: String = "pdd.logistics.online.send") {
            self.stockUpdate = stockUpdate
            self.priceUpdate = priceUpdate
            self.orderList = orderList
            self.ship = ship
        }
    }

    /// The platform's maximum page size for order lists.
    public static let maxPageSize = 100
    /// 20 requests per second, burst 20: well under the published per-API limits (docs/channels.md, "Rate limits").
    public static let defaultRateLimit = RateLimit(requestsPerSecond: 20, burst: 20)

    /// Settings with documented defaults; `pageSize` is clamped to 1...100.
    public init(baseURL: URL, clientID: String, clientSecret: String, accessToken: String,
                methods: Methods = Methods(), pageSize: Int = 100, rateLimit: RateLimit = EpinduoSettings.defaultRateLimit) {
        self.baseURL = baseURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.accessToken = accessToken
        self.methods = methods
        self.pageSize = min(max(pageSize, 1), Self.maxPageSize)
        self.rateLimit = rateLimit
    }

    /// The settings with the secret and token redacted.
    public var description: String {
        "EpinduoSettings(baseURL: \(baseURL.absoluteString), clientID: \(clientID), clientSecret: <redacted>, "
            + "accessToken: <redacted>, pageSize: \(pageSize))"
    }

    /// Reflection shows the same redacted fields, so `dump(settings)` cannot leak a secret.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "baseURL": baseURL.absoluteString, "clientID": clientID, "clientSecret": "<redacted>",
            "accessToken": "<redacted>", "methods": methods, "pageSize": pageSize, "rateLimit": rateLimit,
        ], displayStyle: .struct)
    }
}
