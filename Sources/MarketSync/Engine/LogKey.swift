/// Metadata keys, declared once.
public enum LogKey {
    /// The channel's id.
    public static let channel = "sync.channel"
    /// The store's id of the run.
    public static let runID = "sync.run_id"
    /// The SKU (or outbox key) an event is about.
    public static let sku = "sync.sku"
    /// A config, source or cassette file path.
    public static let file = "sync.file"
    /// The failure's `MarketSyncError.Code` label.
    public static let errorCode = "error.code"
    /// Milliseconds until the next attempt (a retried call, or the worker after a store failure).
    public static let delayMS = "retry.delay_ms"
    /// The HTTP status a channel answered.
    public static let httpStatus = "http.status"
    /// How many items an event covers (products imported, changes queued, unmatched order lines).
    public static let count = "sync.count"
}

extension LogKey {
    /// Who holds the lease a process waits for (`LeaseHolder.description`).
    public static let leaseHolder = "lease.holder"
    /// The failure's one-line `MarketSyncError.description` (log-safe, like its message).
    public static let errorMessage = "error.message"
    /// Items sent a second so far, in a progress line.
    public static let ratePerSecond = "sync.rate_per_s"
    /// Seconds the send has left at that rate, in a progress line.
    public static let secondsLeft = "sync.eta_s"
    /// Items sent so far, in a progress line.
    public static let done = "sync.done"
    /// Items to send in all, in a progress line.
    public static let total = "sync.total"
}
