public import Foundation

/// What one channel can do, as data: the engine never switches on a channel's kind.
public struct ChannelCapabilities: Sendable, Hashable {
    /// Whether the channel takes stock; when false the planner plans no stock for it.
    public var pushesStock: Bool
    /// Whether the channel takes prices; when false the planner plans no prices for it.
    public var pushesPrices: Bool
    /// Whether the channel lists orders; when false the engine never calls `pullOrders`.
    public var pullsOrders: Bool
    /// Whether the channel takes shipment confirmations; when false `marketsync ship` refuses the
    /// channel with a `.config` error before anything is queued.
    public var confirmsShipments: Bool
    /// Items per `pushStock` call.
    /// Below 1 counts as 1; a snapshot channel gets every SKU in one call whatever it says.
    public var stockBatchSize: Int
    /// Items per `pushPrices` call.
    /// Below 1 counts as 1; a snapshot channel gets every SKU in one call whatever it says.
    public var priceBatchSize: Int
    /// The currency the channel prices in.
    public var currency: Currency
    /// The channel's default request rate.
    public var rateLimit: RateLimit
    /// How orders are listed, when `pullsOrders`.
    public var orderWindow: OrderWindowPolicy
    /// Whether a push carries only what changed, or every listed SKU each time (a retail chain's stock file).
    public var offers: OfferMode
    /// What a new order needs from the seller before it ships (accepted lines, an acknowledgement, nothing).
    public var orderAnswer: OrderAnswerPolicy
    /// Whether the answer, once the channel took it, settles the order: the channel never reports the order's state
    /// after it (a retail chain's purchase order answered by an ORDRSP, an 855 or an answer sheet). The engine then
    /// records the order's new state itself: accepted lines ready to ship, refused lines refused. A marketplace
    /// reports the state it moved the order to, so this is false for it (the default).
    public var answerSettlesOrder: Bool

    /// Capabilities as given; `offers` defaults to `.delta`, `orderAnswer` to `.none`.
    public init(pushesStock: Bool, pushesPrices: Bool, pullsOrders: Bool, confirmsShipments: Bool,
                stockBatchSize: Int, priceBatchSize: Int, currency: Currency, rateLimit: RateLimit,
                orderWindow: OrderWindowPolicy, offers: OfferMode = .delta, orderAnswer: OrderAnswerPolicy = .none,
                answerSettlesOrder: Bool = false) {
        self.offers = offers
        self.orderAnswer = orderAnswer
        self.answerSettlesOrder = answerSettlesOrder
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

/// What a push carries.
public enum OfferMode: String, Sendable, Hashable, Codable {
    /// Only the SKUs whose value changed (API marketplaces).
    case delta
    /// Every listed SKU each time something changed: the changed values, and the others as last acknowledged
    /// (`carried`), in one batch of any size (a file a partner replaces whole).
    case snapshot
}

/// Requests per second and burst.
public struct RateLimit: Sendable, Hashable {
    /// Requests a second, sustained; the token bucket counts anything below 0.001 (0 included) as 0.001.
    public var requestsPerSecond: Double
    /// Requests that may go at once after a quiet spell; below 1 counts as 1.
    public var burst: Int
    /// A limit as given; nothing is checked here.
    public init(requestsPerSecond: Double, burst: Int) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
    }
}

/// How a channel lists orders: windows on the update time of at most `maxLength`, ending at least `lag`
/// behind now, each new window starting `overlap` before the stored cursor so nothing at a boundary is missed.
public struct OrderWindowPolicy: Sendable, Hashable {
    /// The longest time one window may span. It must be longer than `overlap`: the window planner
    /// traps otherwise (a programmer error).
    public var maxLength: Duration
    /// How far behind now the last window ends: the channel's own minimum (Epinduo wants a window to end at
    /// least 3 minutes before its clock; docs/channels.md, "Orders").
    public var lag: Duration
    /// How far before the stored cursor (and before each window's end) the next window starts; an
    /// order read twice is harmless, the store keeps its latest copy.
    public var overlap: Duration
    /// Where the very first pull starts, back from now.
    public var initialLookback: Duration
    /// The channel's periodic deep re-scan of the last days, when its listing can lose orders (nil: none; the
    /// config's `orders.deep_rescan_every` / `deep_rescan_days` turn one on or off per channel).
    public var deepRescan: DeepRescanPolicy?
    /// A policy as given; the caller keeps `maxLength` above `overlap`. No deep re-scan unless given.
    public init(maxLength: Duration, lag: Duration, overlap: Duration, initialLookback: Duration,
                deepRescan: DeepRescanPolicy? = nil) {
        self.maxLength = maxLength
        self.lag = lag
        self.overlap = overlap
        self.initialLookback = initialLookback
        self.deepRescan = deepRescan
    }
}

/// A time window `[start, end]` on the orders' update time.
public struct OrderWindow: Sendable, Hashable, CustomStringConvertible {
    /// The earliest update time the window covers, in whole seconds.
    public var start: Date
    /// The latest update time the window covers, in whole seconds; the cursor moves here once the
    /// window's orders are stored.
    public var end: Date
    /// A window from `start` to `end`.
    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }
    /// `start..end` in Unix seconds, for logs and messages.
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
    /// What the adapter wants to hear once this answer's orders are stored (a file to archive, a cursor to
    /// commit); nil when nothing.
    public var settlement: OrderSettlement?
    /// An answer; without `next`, the window's last.
    public init(orders: [ChannelOrder], next: OrderContinuation? = nil, settlement: OrderSettlement? = nil) {
        self.orders = orders
        self.next = next
        self.settlement = settlement
    }
}

/// A token an adapter gave with an answer of an order listing, handed back by `settle(_:)` once the answer's
/// orders are stored: only then may a file inbox archive the file it read, or a channel's cursor be committed.
public struct OrderSettlement: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The adapter's own text (a file name and hash, a cursor).
    public var token: String
    /// A settlement holding the adapter's `token`.
    public init(_ token: String) { self.token = token }
    /// The token.
    public var description: String { token }
}

/// Set the stock of one SKU on a channel to `quantity` (a full overwrite, so a retry is idempotent).
public struct StockUpdate: Sendable, Hashable {
    /// The outbox item this update sends: results name it, so they map back to the item, not only to its SKU.
    public var item: Int64
    /// The merchant's SKU.
    public var sku: SKU
    /// The channel's listing id of the SKU, when the catalog has one.
    public var listing: String?
    /// Units to show.
    public var quantity: Int64
    /// True for an unchanged value a snapshot repeats: it has no outbox item and needs no result.
    public var carried: Bool
    /// An update; `item` stays 0 only for a carried value, which has no outbox item.
    public init(item: Int64 = 0, sku: SKU, listing: String?, quantity: Int64, carried: Bool = false) {
        self.item = item
        self.carried = carried
        self.sku = sku
        self.listing = listing
        self.quantity = quantity
    }
}

/// Set the price of one SKU on a channel, in the channel's currency.
public struct PriceUpdate: Sendable, Hashable {
    /// The outbox item this update sends: results name it, so they map back to the item, not only to its SKU.
    public var item: Int64
    /// The merchant's SKU.
    public var sku: SKU
    /// The channel's listing id of the SKU, when the catalog has one.
    public var listing: String?
    /// The price in the channel's currency.
    public var price: Money
    /// True for an unchanged value a snapshot repeats: it has no outbox item and needs no result.
    public var carried: Bool
    /// An update; `item` stays 0 only for a carried value, which has no outbox item.
    public init(item: Int64 = 0, sku: SKU, listing: String?, price: Money, carried: Bool = false) {
        self.item = item
        self.carried = carried
        self.sku = sku
        self.listing = listing
        self.price = price
    }
}

/// What a channel made of a push: per-item results now, or a receipt to ask about later.
public enum PushOutcome: Sendable {
    /// The channel answered for every item (in any order).
    case completed([ItemResult])
    /// The channel took the batch for processing later (Mirakl's `import_id`, Walmart's `feedId`): the engine
    /// keeps the receipt in the store with the items it covers and asks `status(of:for:)` with growing intervals.
    case submitted(PushReceipt)

    /// The results of a completed push; nil for a submitted one.
    public var results: [ItemResult]? {
        if case let .completed(results) = self { return results }
        return nil
    }
}

/// A channel's receipt for a batch it processes later: its id, as the channel will be asked about it.
public struct PushReceipt: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The channel's id of the import or feed.
    public var id: String
    /// A receipt for the channel's `id`.
    public init(_ id: String) { self.id = id }
    /// The channel's id.
    public var description: String { id }
}

/// Where a submitted batch stands.
public enum PushStatus: Sendable {
    /// Still being processed: ask again later.
    case processing
    /// Done: a result per item the receipt covered (an item without a result counts as a protocol violation).
    case completed([ItemResult])
}

/// An item of a submitted batch, as the adapter sent it: what `status(of:for:)` maps the channel's answer to.
public struct SubmittedItem: Sendable, Hashable {
    /// The outbox item.
    public var item: Int64
    /// The merchant's SKU.
    public var sku: SKU
    /// The channel's listing id, as it was sent (nil when the catalog had none).
    public var listing: String?
    /// An item as it was sent.
    public init(item: Int64, sku: SKU, listing: String?) {
        self.item = item
        self.sku = sku
        self.listing = listing
    }
}

/// A shipment to confirm to the channel.
public struct Shipment: Sendable, Hashable, Codable {
    /// The channel's id of the order; the outbox key of the confirmation.
    public var orderID: String
    /// The carrier as the channel identifies it (Epinduo: `logistics_id`).
    public var carrier: String
    /// The carrier's tracking number; the store records it on the order once the channel accepts
    /// the confirmation.
    public var trackingNumber: String
    /// The lines shipped, for a channel that ships line by line (Walmart); empty means every line of the order,
    /// which is all a channel that ships whole orders (Epinduo, Mirakl) takes.
    public var lines: [ShipmentLine]
    /// A shipment as given; `marketsync ship` checks the order's state before it queues one.
    public init(orderID: String, carrier: String, trackingNumber: String, lines: [ShipmentLine] = []) {
        self.lines = lines
        self.orderID = orderID
        self.carrier = carrier
        self.trackingNumber = trackingNumber
    }
}

/// One line of a shipment: the channel's line id and how many units of it left.
public struct ShipmentLine: Sendable, Hashable, Codable {
    /// The channel's id of the line (`OrderLine.id`).
    public var line: String
    /// Units shipped.
    public var quantity: Int64
    /// A shipped line.
    public init(line: String, quantity: Int64) {
        self.line = line
        self.quantity = quantity
    }
}

/// What a channel wants said about a new order before it may ship.
public enum OrderAnswerPolicy: String, Sendable, Hashable, Codable {
    /// Nothing: an order arrives ready (Epinduo).
    case none
    /// Each line accepted or refused (Mirakl's OR21): the engine accepts the lines the stock can serve.
    case acceptLines
    /// The purchase order acknowledged as a whole (Walmart).
    case acknowledge
}

/// What the channel said about one item of a batch.
public struct ItemResult: Sendable {
    /// The outbox item (`StockUpdate.item`, `PriceUpdate.item`) the result is for; the engine maps by it.
    public var item: Int64
    /// The item's SKU, for messages and logs; the engine matches results by `item`, not by it.
    public var sku: SKU
    /// nil when the channel accepted the item.
    /// With a retryable code the engine sends the item again; with any other code it parks the item.
    public var error: MarketSyncError?
    /// A result; without `error`, the item was accepted.
    public init(item: Int64, sku: SKU, error: MarketSyncError? = nil) {
        self.item = item
        self.sku = sku
        self.error = error
    }
    /// The channel accepted the item.
    public static func accepted(_ item: Int64, _ sku: SKU) -> ItemResult { ItemResult(item: item, sku: sku) }
}

/// One sales channel, speaking its published protocol.
///
/// Contract: an adapter gets its transport, clock, credentials and logger in `init` and never opens a
/// connection or reads the environment itself. It maps the channel's errors to `MarketSyncError` codes at its
/// edge: a whole call that failed throws; items of a batch that failed come back as `ItemResult.error`.
/// It must not log credentials.
///
/// A push that throws a retryable code is retried whole; one that throws `.validation` parks every item of the
/// batch; any other code stops the channel for the run and leaves the items queued.
public protocol ChannelAdapter: Sendable {
    /// The channel this adapter speaks to: the key of everything the store holds for it.
    var channel: ChannelID { get }
    /// What the channel can do. Read when a runner is made (the order window) and at every send, so
    /// it must not change while the adapter lives.
    var capabilities: ChannelCapabilities { get }

    /// Overwrites the stock of each SKU: one result per update (naming its `item`) now, or a receipt.
    /// A carried update (a snapshot's unchanged value) needs no result.
    func pushStock(_ updates: [StockUpdate]) async throws -> PushOutcome
    /// Sets the price of each SKU: one result per update (naming its `item`) now, or a receipt.
    /// A carried update (a snapshot's unchanged value) needs no result.
    func pushPrices(_ updates: [PriceUpdate]) async throws -> PushOutcome
    /// Where a submitted batch stands; `items` are the updates the receipt covers, as they were sent. Only called
    /// for receipts this adapter returned; a retryable error means "ask again later".
    func status(of receipt: PushReceipt, for items: [SubmittedItem]) async throws -> PushStatus
    /// Lists orders updated within `window`: the start of the listing when `continuation` is nil, else where the
    /// answer that gave `continuation` left off. The window has been read when an answer's `next` is nil.
    ///
    /// How a listing is walked (forward, from the last page back, by offset or cursor) is the adapter's: the
    /// engine gathers every answer's orders and stores them with the cursor move only once `next` is nil. An answer
    /// may hold no orders and still go on; it must never return a continuation already given in the window.
    func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage
    /// Called once the orders of the answers that carried these settlements are stored (in one transaction with
    /// the window's cursor move), in the order they were given. A crash between the two means the same answers
    /// come again and are stored again harmlessly, so settling must tolerate being skipped once. A failure here
    /// does not undo the stored orders.
    func settle(_ settlements: [OrderSettlement]) async throws
    /// Tells the channel an order has shipped.
    /// A throw is handled as for a push; after a retryable failure the same shipment is sent again, so
    /// confirming it twice must be harmless.
    func confirmShipment(_ shipment: Shipment) async throws
    /// Sends the seller's answer about an order (accept or refuse lines, acknowledge, ship). The same answer may
    /// be sent again after a lost acknowledgement, so the channel must take a repeat as it took the first. A
    /// channel that does not take that kind of answer throws `.validation`.
    func respond(_ response: OrderResponse) async throws

    /// One read-only call; throws `.unauthorized` when the channel rejects the credentials. Changes nothing on
    /// the channel (`check-config --online` calls it so a wrong secret is found before the first sync).
    func verifyAccess() async throws
    /// Reads these orders now, by the channel's order ids (an event named them): the current copy of each the
    /// channel knows, in any order; an id the channel does not know (yet) is left out. Nil when the channel reads
    /// orders only through its listing: the next pull finds them then. The engine stores what comes back like a
    /// listed copy, without moving the listing's cursor.
    func orders(withIDs ids: [String]) async throws -> [ChannelOrder]?
}

extension ChannelAdapter {
    /// Adapters that answer orders only by shipping them: a shipment is confirmed, any other answer refused.
    public func respond(_ response: OrderResponse) async throws {
        switch response {
        case let .shipment(shipment): try await confirmShipment(shipment)
        case .acceptance, .acknowledgement:
            throw MarketSyncError(.validation, "\(channel) takes no \(response.payload.kind) of orders", channel: channel,
                                  key: "order \(response.orderID)")
        }
    }

    /// Adapters that read orders only through their listing.
    public func orders(withIDs ids: [String]) async throws -> [ChannelOrder]? { nil }

    /// Adapters whose listings need no follow-up (an API that pages by time) have nothing to settle.
    public func settle(_ settlements: [OrderSettlement]) async throws {}

    /// Adapters whose pushes always complete at once never get a receipt to ask about.
    public func status(of receipt: PushReceipt, for items: [SubmittedItem]) async throws -> PushStatus {
        throw MarketSyncError(.protocolViolation, "\(channel) answers every push at once; it has no receipt \(receipt)", channel: channel)
    }
}
