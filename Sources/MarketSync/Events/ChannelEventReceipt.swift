/// What became of an event handed to the worker.
public enum ChannelEventReceipt: Sendable, Hashable {
    /// New: recorded, and the order it names is read at once.
    case accepted
    /// Already recorded under the same channel and id (a delivery made again): nothing more happens.
    case duplicate
    /// Not taken, with the reason (a channel the worker does not sync, a store that cannot record it now). A channel
    /// that redelivers should be asked to (a webhook answers non-2xx), since nothing was recorded.
    case refused(String)
}
