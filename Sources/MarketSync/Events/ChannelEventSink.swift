/// Where a channel's events go: the worker records each one once and reads the order it names at once.
public protocol ChannelEventSink: Sendable {
    /// Takes one event: records it (a repeat of a recorded id is `.duplicate`) and starts the read of its order.
    /// Returns once the event is recorded, before the order is read, so a webhook can answer quickly.
    func receive(_ event: ChannelEvent) async -> ChannelEventReceipt
}
