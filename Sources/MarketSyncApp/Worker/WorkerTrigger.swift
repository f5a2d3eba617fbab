public import MarketSync

/// Why the worker runs now rather than on schedule.
public enum WorkerTrigger: Sendable, Hashable, CustomStringConvertible {
    /// A catalog or lots file (or a CommerceML folder) changed its modification time or size.
    case sourceChanged(path: String)
    /// Orders pulled on this channel changed what is reserved, and other channels have stock or prices queued.
    case ordersReserved(on: ChannelID)
    /// The channel pushed an event (a webhook, its event stream) naming an order, or none.
    case channelEvent(on: ChannelID, type: String, orderID: String?)

    /// `source_changed:/path`, `orders_reserved:channel` or `event:channel:type:order`, for logs.
    public var description: String {
        switch self {
        case let .sourceChanged(path): "source_changed:\(path)"
        case let .ordersReserved(channel): "orders_reserved:\(channel)"
        case let .channelEvent(channel, type, orderID): "event:\(channel):\(type)" + (orderID.map { ":\($0)" } ?? "")
        }
    }
}
