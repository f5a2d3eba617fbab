public import Foundation

/// What an outbox entry asks the channel to do.
public enum OutboxKind: String, Sendable, Hashable, Codable, CaseIterable {
    case stock
    case price
    case shipment
}

/// The value an outbox entry carries.
public enum OutboxPayload: Sendable, Hashable {
    case stock(quantity: Int64)
    case price(Money)
    case shipment(Shipment)

    public var kind: OutboxKind {
        switch self {
        case .stock: .stock
        case .price: .price
        case .shipment: .shipment
        }
    }
}

/// A change to send, before the store has given it an id and a version.
public struct OutboxDraft: Sendable, Hashable {
    public var channel: ChannelID
    /// The SKU for stock and price; the order id for a shipment.
    public var key: String
    public var listing: String?
    public var payload: OutboxPayload

    public init(channel: ChannelID, key: String, listing: String?, payload: OutboxPayload) {
        self.channel = channel
        self.key = key
        self.listing = listing
        self.payload = payload
    }
}

/// Whether an outbox entry still waits to be sent, or was parked after a permanent failure.
public enum OutboxStatus: String, Sendable, Hashable, Codable {
    case pending
    case failed
}

/// A change written to the store before it is sent. Its `version` only grows per (channel, key, kind): an
/// acknowledgement of an older version never overwrites a newer one.
public struct OutboxItem: Sendable, Hashable {
    public var id: Int64
    public var channel: ChannelID
    public var key: String
    public var listing: String?
    public var payload: OutboxPayload
    public var version: Int64
    public var attempts: Int
    public var status: OutboxStatus
    public var lastError: String?
    public var enqueuedAt: Date

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

    public var kind: OutboxKind { payload.kind }
    public var sku: SKU { SKU(key) }
}
