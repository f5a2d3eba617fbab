public import Foundation

/// What one channel can do, as data: the engine never switches on a channel's kind.
public struct ChannelCapabilities: Sendable, Hashable {
    public var pushesStock: Bool
    public var pushesPrices: Bool
    public var pullsOrders: Bool
    public var confirmsShipments: Bool
    /// Items per `pushStock` call.
    public var stockBatchSize: Int
    /// Items per `pushPrices` call.
    public var priceBatchSize: Int
    /// The currency the channel prices in.
    public var currency: Currency
    /// The channel's default request rate.
    public var rateLimit: RateLimit
    /// How orders are listed, when `pullsOrders`.
    public var orderWindow: OrderWindowPolicy

    public init(pushesStock: Bool, pushesPrices: Bool, pullsOrders: Bool, confirmsShipments: Bool,
                stockBatchSize: Int, priceBatchSize: Int, currency: Currency, rateLimit: RateLimit,
                orderWindow: OrderWindowPolicy) {
        self.pushesStock = pushesStock
        self.pushesPrices = pushesPrices
        self.pullsOrders = pullsOrders
        self.confirmsShipments = confirmsShipments
        self.stockBatchSize = stockBatchSize
        self.priceBatchSize = priceBatchSize
        self.currency = currency
        self.rateLimit = rateLimit
        self.orderWindow = orderWindow
    }
}

/// Requests per second and burst.
public struct RateLimit: Sendable, Hashable {
    public var requestsPerSecond: Double
    public var burst: Int
    public init(requestsPerSecond: Double, burst: Int) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
    }
}

/// How a channel lists orders: windows on the update time of at most `maxLength`, ending at least `lag`
/// behind now, each new window starting `overlap` before the stored cursor so nothing at a boundary is missed.
public struct OrderWindowPolicy: Sendable, Hashable {
    public var maxLength: Duration
    public var lag: Duration
    public var overlap: Duration
    /// Where the very first pull starts, back from now.
    public var initialLookback: Duration
    public init(maxLength: Duration, lag: Duration, overlap: Duration, initialLookback: Duration) {
        self.maxLength = maxLength
        self.lag = lag
        self.overlap = overlap
        self.initialLookback = initialLookback
    }
}

/// A time window `[start, end]` on the orders' update time.
public struct OrderWindow: Sendable, Hashable, CustomStringConvertible {
    public var start: Date
    public var end: Date
    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }
    public var description: String { "\(Int64(start.timeIntervalSince1970))..\(Int64(end.timeIntervalSince1970))" }
}

/// Where an order listing goes on: a token only the adapter that made it reads (a page number, an offset, a
/// cursor). The engine hands it back unchanged, in the same window, and never looks inside.
public struct OrderContinuation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The adapter's own text.
    public var token: String

    /// A continuation holding `token`.
    public init(_ token: String) {
        self.token = token
    }

    /// Encoded as its token alone (a JSON string).
    public init(from decoder: any Decoder) throws {
        token = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the token alone.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(token)
    }

    /// The token.
    public var description: String { token }
}

/// One answer of an order listing: orders of the window, and where the listing goes on.
public struct OrderPage: Sendable {
    /// Orders of the window (possibly none, possibly some already given in an earlier answer: the store keeps the
    /// latest of each).
    public var orders: [ChannelOrder]
    /// What to pass to the next `pullOrders` call of the same window; nil when the window has been read.
    public var next: OrderContinuation?
    /// An answer; without `next`, the window's last.
    public init(orders: [ChannelOrder], next: OrderContinuation? = nil) {
        self.orders = orders
        self.next = next
    }
}

/// Set the stock of one SKU on a channel to `quantity` (a full overwrite, so a retry is idempotent).
public struct StockUpdate: Sendable, Hashable {
    public var sku: SKU
    public var listing: String?
    public var quantity: Int64
    public init(sku: SKU, listing: String?, quantity: Int64) {
        self.sku = sku
        self.listing = listing
        self.quantity = quantity
    }
}

/// Set the price of one SKU on a channel, in the channel's currency.
public struct PriceUpdate: Sendable, Hashable {
    public var sku: SKU
    public var listing: String?
    public var price: Money
    public init(sku: SKU, listing: String?, price: Money) {
        self.sku = sku
        self.listing = listing
        self.price = price
    }
}

/// A shipment to confirm to the channel.
public struct Shipment: Sendable, Hashable, Codable {
    public var orderID: String
    public var carrier: String
    public var trackingNumber: String
    public init(orderID: String, carrier: String, trackingNumber: String) {
        self.orderID = orderID
        self.carrier = carrier
        self.trackingNumber = trackingNumber
    }
}

/// What the channel said about one item of a batch.
public struct ItemResult: Sendable {
    public var sku: SKU
    /// nil when the channel accepted the item.
    public var error: MarketSyncError?
    public init(sku: SKU, error: MarketSyncError? = nil) {
        self.sku = sku
        self.error = error
    }
    public static func accepted(_ sku: SKU) -> ItemResult { ItemResult(sku: sku) }
}

/// One sales channel, speaking its published protocol.
///
/// Contract: an adapter gets its transport, clock, credentials and logger in `init` and never opens a
/// connection or reads the environment itself. It maps the channel's errors to `MarketSyncError` codes at its
/// edge: a whole call that failed throws; items of a batch that failed come back as `ItemResult.error`.
/// It must not log credentials.
public protocol ChannelAdapter: Sendable {
    var channel: ChannelID { get }
    var capabilities: ChannelCapabilities { get }

    /// Overwrites the stock of each SKU. Returns one result per update, in any order.
    func pushStock(_ updates: [StockUpdate]) async throws -> [ItemResult]
    /// Sets the price of each SKU. Returns one result per update, in any order.
    func pushPrices(_ updates: [PriceUpdate]) async throws -> [ItemResult]
    /// Lists orders updated within `window`: the start of the listing when `continuation` is nil, else where the
    /// answer that gave `continuation` left off. The window has been read when an answer's `next` is nil.
    ///
    /// How a listing is walked (forward, from the last page back, by offset or cursor) is the adapter's: the
    /// engine gathers every answer's orders and stores them with the cursor move only once `next` is nil. An answer
    /// may hold no orders and still go on; it must never return a continuation already given in the window.
    func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage
    /// Tells the channel an order has shipped.
    func confirmShipment(_ shipment: Shipment) async throws

    /// One read-only call; throws `.unauthorized` when the channel rejects the credentials. Changes nothing on
    /// the channel (`check-config --online` calls it so a wrong secret is found before the first sync).
    func verifyAccess() async throws
}
