/// What the fulfilment commands (`orders`, `orders export`, `ship --from`) read from the store: every stored
/// order at once, the catalog's products, and where a queued shipment confirmation stands.
///
/// Contract: every method is one read transaction and changes nothing. `SQLiteStore` implements it.
public protocol OrderQueryStore: Sendable {
    /// Every stored order of `channels` (of every channel that holds orders when nil), ordered by channel, then
    /// order id, each with its lines and history; read in one transaction, so the listing is one snapshot.
    func storedOrders(of channels: [ChannelID]?) async throws -> [StoredOrder]
    /// One product, or nil when the catalog does not hold `sku`.
    func product(_ sku: SKU) async throws -> Product?
    /// The outbox entry confirming the shipment of `orderID` on `channel`, or nil when there is none: it was
    /// accepted (an accepted entry leaves the outbox) or never queued.
    func queuedShipment(of orderID: String, channel: ChannelID) async throws -> QueuedAnswer?
}

/// An answer about an order (a shipment confirmation) still in the outbox: waiting to be sent again, or parked.
public struct QueuedAnswer: Sendable, Hashable {
    /// True when the channel refused it for good (`marketsync failures` lists it); false while it waits to be
    /// sent again (the next `sync` or `ship` retries it).
    public var parked: Bool
    /// Attempts made so far.
    public var attempts: Int
    /// The last failure's reason, as recorded (no secrets, no payloads), if an attempt failed.
    public var lastError: String?

    /// An outbox entry's standing as the store reads it.
    public init(parked: Bool, attempts: Int, lastError: String?) {
        self.parked = parked
        self.attempts = attempts
        self.lastError = lastError
    }
}
