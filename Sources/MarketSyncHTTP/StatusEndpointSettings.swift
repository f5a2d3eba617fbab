public import MarketSync

/// How the worker's HTTP endpoint listens and what it lets a client do: a small, read-only endpoint that a slow or
/// malformed client must not be able to hold open or fill up.
public struct StatusEndpointSettings: Sendable, Hashable {
    /// Where to listen; loopback by default.
    public var address: HTTPListenAddress
    /// The largest request body accepted by the status routes (all GETs), anything larger refused with 413.
    public var maxBodyBytes: Int
    /// The largest webhook delivery accepted at `POST /webhooks/{channel}` (deliveries carry whole orders).
    public var maxWebhookBodyBytes: Int
    /// A connection that sends nothing for this long is closed, a half-sent request included.
    public var idleTimeout: Duration
    /// Connections open at once; more wait in the listen backlog.
    public var maxConnections: Int
    /// The largest header block a request may send.
    public var maxHeaderBytes: Int

    /// Settings; every limit has a default fit for an operator's browser and a Prometheus scraper.
    public init(address: HTTPListenAddress = .loopbackDefault, maxBodyBytes: Int = 4096, maxWebhookBodyBytes: Int = 1 << 20,
                idleTimeout: Duration = .seconds(10), maxConnections: Int = 32, maxHeaderBytes: Int = 16 * 1024) {
        self.address = address
        self.maxBodyBytes = maxBodyBytes
        self.maxWebhookBodyBytes = maxWebhookBodyBytes
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.maxHeaderBytes = maxHeaderBytes
    }
}
