public import MarketSync

/// What the retail file channels (EDI, CSV sheets) share in their capabilities: a file has no size limit worth
/// batching for and no request rate (the partner's agreed windows are the schedule's business), and a listing of
/// the partner's outbox ignores time windows, so one long window a run is enough.
public enum FileChannelCapabilities {
    /// Lines of one delta file (a snapshot carries every SKU in one file whatever this says).
    public static let batchSize = 10_000
    /// Files are not requests; the bucket only paces HTTP, which a file channel never uses.
    public static let rateLimit = RateLimit(requestsPerSecond: 10, burst: 10)
    /// One window per run in practice: the outbox is read whole whatever the window says.
    public static let orderWindow = OrderWindowPolicy(maxLength: .seconds(30 * 86_400), lag: .zero, overlap: .zero,
                                                      initialLookback: .seconds(86_400))
}
