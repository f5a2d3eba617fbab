public import Foundation
public import MarketSync

/// How to reach one Walmart Marketplace seller account: the API base URL, the client credentials the token is
/// taken with, and the adapter's choices (docs/channels.md, "Walmart Marketplace").
///
/// Never prints its secret: `description` and reflection (`dump`, debugger) show it redacted.
public struct WalmartSettings: Sendable, CustomStringConvertible, CustomReflectable {
    /// The API base URL every path (`/v3/...`) is appended to, e.g. `https://marketplace.walmartapis.com`.
    public var baseURL: URL
    /// The client id (sent only inside HTTP Basic auth of the token call).
    public var clientID: String
    /// The client secret (sent only inside HTTP Basic auth of the token call).
    public var clientSecret: String
    /// `WM_SVC.NAME` on every call (Walmart's examples send `Walmart Marketplace`).
    public var serviceName: String
    /// `WM_CONSUMER.CHANNEL.TYPE`, a channel id received at onboarding; nil sends none.
    public var channelType: String?
    /// The ship node stock is set for (`shipNode` query); nil: the account's default node.
    public var shipNode: String?
    /// A push with more changes than this goes as one bulk feed; this many or fewer go as single calls.
    public var bulkThreshold: Int
    /// Items a stock feed holds at most (Walmart: 50,000 an inventory feed); also the stock batch size.
    public var feedSize: Int
    /// Orders a page when listing (1...200).
    public var pageSize: Int
    /// The currency prices are sent in: `USD` or `CAD`, the only two Walmart's price documents take.
    public var currency: Currency
    /// How far before a listing window's start orders may have been created (`createdStartDate`), in days (1...180).
    public var createdLookbackDays: Int
    /// `methodCode` of a shipment's tracking (`Standard`, `Express`, `OneDay`, `Freight`, `WhiteGlove`, `Value`).
    public var shipMethod: String
    /// A tracking page for carriers Walmart does not list (`otherCarrier` needs a `trackingURL`): `{tracking}` is
    /// replaced by the tracking number. Nil: a carrier Walmart does not list is refused.
    public var trackingURLTemplate: String?
    /// The request rate the adapter advertises to the engine's limiter.
    public var rateLimit: RateLimit

    /// Feed items answered per page of a feed's status (docs/channels.md, "Where the sources disagree": at most 50).
    public static let feedDetailPageSize = 50
    /// The most orders Walmart answers a page.
    public static let maxPageSize = 200
    /// Items a price feed carries at most: Walmart recommends fewer than 1,000 (`priceBulkUploads`).
    public static let maxPriceFeedSize = 1000
    /// The carriers' method codes `TrackingInfoType.methodCode` allows.
    public static let shipMethods: Set<String> = ["Standard", "Express", "OneDay", "Freight", "WhiteGlove", "Value"]
    /// 5 requests a second, burst 5: the conservative start docs/channels.md ("Rate limits") gives the item calls.
    public static let defaultRateLimit = RateLimit(requestsPerSecond: 5, burst: 5)

    /// Settings with documented defaults; numbers are clamped to their ranges.
    public init(baseURL: URL, clientID: String, clientSecret: String, serviceName: String = "Walmart Marketplace",
                channelType: String? = nil, shipNode: String? = nil, bulkThreshold: Int = 10, feedSize: Int = 10_000,
                pageSize: Int = 200, currency: Currency = .usd, createdLookbackDays: Int = 30, shipMethod: String = "Standard",
                trackingURLTemplate: String? = nil, rateLimit: RateLimit = WalmartSettings.defaultRateLimit) {
        self.baseURL = baseURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.serviceName = serviceName
        self.channelType = channelType
        self.shipNode = shipNode
        self.bulkThreshold = max(bulkThreshold, 0)
        self.feedSize = min(max(feedSize, 1), 50_000)
        self.pageSize = min(max(pageSize, 1), Self.maxPageSize)
        self.currency = currency
        self.createdLookbackDays = min(max(createdLookbackDays, 1), 180)
        self.shipMethod = shipMethod
        self.trackingURLTemplate = trackingURLTemplate
        self.rateLimit = rateLimit
    }

    /// The settings with the secret redacted.
    public var description: String {
        "WalmartSettings(baseURL: \(baseURL.absoluteString), clientID: \(clientID), clientSecret: <redacted>, "
            + "bulkThreshold: \(bulkThreshold), pageSize: \(pageSize), currency: \(currency))"
    }

    /// Reflection shows the same redacted fields, so `dump(settings)` cannot leak the secret.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "baseURL": baseURL.absoluteString, "clientID": clientID, "clientSecret": "<redacted>",
            "serviceName": serviceName, "shipNode": shipNode as Any, "bulkThreshold": bulkThreshold, "feedSize": feedSize,
            "pageSize": pageSize, "currency": currency, "rateLimit": rateLimit,
        ], displayStyle: .struct)
    }
}
