public import MarketSync

/// Why the worker runs now rather than on schedule.
public enum WorkerTrigger: Sendable, Hashable, CustomStringConvertible {
    /// A catalog or lots file (or a CommerceML folder) changed its modification time or size.
    case sourceChanged(path: String)
    /// Orders pulled on this channel changed what is reserved, and other channels have stock or prices queued.
    case ordersReserved(on: ChannelID)

    /// `source_changed:/path` or `orders_reserved:channel`, for logs.
    public var description: String {
        switch self {
        case let .sourceChanged(path): "source_changed:\(path)"
        case let .ordersReserved(channel): "orders_reserved:\(channel)"
        }
    }
}
