public import MarketSync

/// What the endpoint needs to take channels' webhook deliveries at `POST /webhooks/{channel}`: how each channel's
/// deliveries are checked and read (under the configuration in force), and where their events go (the worker).
public struct WebhookIntake: Sendable {
    /// Records each event once and starts the read of its order.
    public let sink: any ChannelEventSink
    /// The channel's webhook, nil when it sends none (or has them off).
    public let webhook: @Sendable (ChannelID) -> (any ChannelWebhook)?

    /// An intake handing events to `sink`, checking deliveries with `webhook(channel)`.
    public init(sink: any ChannelEventSink, webhook: @escaping @Sendable (ChannelID) -> (any ChannelWebhook)?) {
        self.sink = sink
        self.webhook = webhook
    }
}
