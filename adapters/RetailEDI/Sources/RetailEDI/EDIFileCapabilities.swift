import MarketSync

/// What the EDI adapters share in their capabilities: a file has no size limit worth batching for and no request
/// rate (the partner's agreed windows are the schedule's business), and a listing of the partner's outbox ignores
/// time windows, so one long window a run is enough.
enum EDIFileCapabilities {
    /// Lines of one delta file (a snapshot carries every SKU in one file whatever this says).
    static let batchSize = 10_000
    /// Files are not requests; the bucket only paces HTTP, which an EDI channel never uses.
    static let rateLimit = RateLimit(requestsPerSecond: 10, burst: 10)
    /// One window per run in practice: the outbox is read whole whatever the window says.
    static let orderWindow = OrderWindowPolicy(maxLength: .seconds(30 * 86_400), lag: .zero, overlap: .zero,
                                               initialLookback: .seconds(86_400))
}
