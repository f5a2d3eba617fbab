public import Foundation

/// News a channel pushed about one of its orders (a webhook delivery, a message on the platform's event stream): a
/// hint to read that order now, never the order itself. Polling stays the backfill for whatever an event missed.
public struct ChannelEvent: Sendable, Hashable {
    /// The channel the event came from.
    public var channel: ChannelID
    /// The channel's id of the event; the same delivery made twice carries the same id, so it is recorded once.
    public var id: String
    /// The channel's name of the event (`PO_CREATED`, `pdd_trade_TradeConfirmed`), for logs.
    public var type: String
    /// The order the event is about, in the channel's ids; nil for an event about no one order.
    public var orderID: String?
    /// When the channel says the event happened, if it says.
    public var occurredAt: Date?

    /// An event as given.
    public init(channel: ChannelID, id: String, type: String, orderID: String?, occurredAt: Date? = nil) {
        self.channel = channel
        self.id = id
        self.type = type
        self.orderID = orderID
        self.occurredAt = occurredAt
    }
}
