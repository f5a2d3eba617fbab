public import Foundation

/// What an outbox entry asks the channel to do.
public enum OutboxKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Set a SKU's stock on the channel (`StockUpdate`).
    case stock
    /// Set a SKU's price on the channel (`PriceUpdate`).
    case price
    /// Confirm an order's shipment (`Shipment`); keyed by the order id.
    case shipment
    /// Accept or refuse an order's lines (a marketplace that asks the seller first); keyed by the order id.
    case acceptance
    /// Acknowledge a purchase order (a channel that wants each new order acknowledged); keyed by the order id.
    case acknowledgement
}

/// The value an outbox entry carries.
public enum OutboxPayload: Sendable, Hashable {
    /// Units to show on the channel: a full overwrite, so sending it twice is harmless.
    case stock(quantity: Int64)
    /// The price, in the channel's currency.
    case price(Money)
    /// The shipment to confirm.
    case shipment(Shipment)
    /// Each line of the order accepted or refused.
    case acceptance([OrderLineDecision])
    /// The order is acknowledged as received.
    case acknowledgement

    /// The kind of the payload; channel, kind and key name the entry a newer draft supersedes.
    public var kind: OutboxKind {
        switch self {
        case .stock: .stock
        case .price: .price
        case .shipment: .shipment
        case .acceptance: .acceptance
        case .acknowledgement: .acknowledgement
        }
    }
}

/// A change to send, before the store has given it an id and a version.
public struct OutboxDraft: Sendable, Hashable {
    /// The channel to send to.
    public var channel: ChannelID
    /// The SKU for stock and price; the order id for a shipment.
    public var key: String
    /// The channel's listing id of the SKU; nil for a shipment.
    public var listing: String?
    /// The value to send.
    public var payload: OutboxPayload

    /// A draft as given.
    public init(channel: ChannelID, key: String, listing: String?, payload: OutboxPayload) {
        self.channel = channel
        self.key = key
        self.listing = listing
        self.payload = payload
    }
}

/// Whether an outbox entry still waits to be sent, or was parked after a permanent failure.
public enum OutboxStatus: String, Sendable, Hashable, Codable {
    /// Waiting to be sent, or in flight under an open submission.
    case pending
    /// Parked after a permanent failure until `requeueFailed`, or until a newer value supersedes it.
    case failed
}

/// A change written to the store before it is sent. Its `version` only grows per (channel, key, kind): an
/// acknowledgement of an older version never overwrites a newer one.
public struct OutboxItem: Sendable, Hashable {
    /// The store's id of the entry. A newer value for the same key keeps it (and so its place in the
    /// queue); results map back to the entry by it.
    public var id: Int64
    /// The channel to send to.
    public var channel: ChannelID
    /// The SKU for stock and price; the order id for a shipment.
    public var key: String
    /// The channel's listing id of the SKU when it was queued; nil for a shipment.
    public var listing: String?
    /// The value to send.
    public var payload: OutboxPayload
    /// The store's global version counter when this value was queued: every later enqueue gets a higher
    /// one, so an acknowledgement can tell an older value from a newer one.
    public var version: Int64
    /// Failed attempts since the value was queued or the entry requeued.
    public var attempts: Int
    /// Pending (waiting, or in flight under a submission) or failed (parked); only pending entries are sent.
    public var status: OutboxStatus
    /// The reason of the last failed attempt; kept after a requeue, cleared when a newer value is queued.
    public var lastError: String?
    /// When this value was queued.
    public var enqueuedAt: Date

    /// An entry as the store gives it back.
    public init(id: Int64, channel: ChannelID, key: String, listing: String?, payload: OutboxPayload, version: Int64,
                attempts: Int, status: OutboxStatus, lastError: String?, enqueuedAt: Date) {
        self.id = id
        self.channel = channel
        self.key = key
        self.listing = listing
        self.payload = payload
        self.version = version
        self.attempts = attempts
        self.status = status
        self.lastError = lastError
        self.enqueuedAt = enqueuedAt
    }

    /// The payload's kind.
    public var kind: OutboxKind { payload.kind }
    /// `key` as a SKU (for a shipment, the order id).
    public var sku: SKU { SKU(key) }
}
