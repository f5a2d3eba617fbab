/// How a channel's webhook deliveries are authenticated and read: the worker's endpoint hands each request made to
/// `/webhooks/CHANNEL` to the channel's `ChannelWebhook`.
public protocol ChannelWebhook: Sendable {
    /// The channel whose deliveries it reads.
    var channel: ChannelID { get }
    /// Checks the delivery's authentication (a signature over the raw body, a shared secret) and reads its events.
    /// A delivery of a kind the worker does not act on gives no events (answered 200, so the channel stops
    /// sending it).
    ///
    /// - Throws: `MarketSyncError` `.unauthorized` when the authentication is missing, wrong or stale (answered
    ///   401, never naming the secret); `.validation` when the body cannot be read (answered 400 with the reason).
    func events(in delivery: WebhookDelivery) throws -> [ChannelEvent]
    /// Makes sure the channel sends the deliveries the worker acts on (subscribes to its events when no subscription
    /// points at the worker), once when the worker starts. Throws what the channel answered; the worker logs it and
    /// goes on polling.
    func ensureSubscribed() async throws
}

extension ChannelWebhook {
    /// Channels whose subscriptions are made by hand (in the channel's own console).
    public func ensureSubscribed() async throws {}
}
