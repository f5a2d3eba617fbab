/// The ranges numbers read from files (the config, catalog and lots sources, rates files, scenarios) must be in.
///
/// Each is far beyond any real value, and small enough that the planners' Int64 arithmetic on values in range
/// cannot overflow: a base price at the maximum, times the largest rate, markup and VAT, is about 2.2 × 10^14
/// minor units, and the maximum-change guard multiplies that by at most 10^5 basis points in 128 bits.
public enum ValueRanges {
    /// Units in one catalog row or lot, and the counts a stock rule compares with (`buffer`, `max_shown`,
    /// `zero_at_or_below`): a billion.
    public static let quantity: ClosedRange<Int64> = 0...1_000_000_000
    /// A base price in kopecks: 0.01 to 10,000,000.00 RUB.
    public static let basePriceMinor: ClosedRange<Int64> = 1...1_000_000_000
    /// The largest exchange rate, in units of the channel currency per rouble.
    public static let maximumRate: Int64 = 10_000
    /// The largest price amount in the config (`floor`, `ceiling`), in minor units: 100,000,000.00.
    public static let maximumAmountMinor: Int64 = 10_000_000_000
    /// The largest price step, in minor units: 10,000.00.
    public static let maximumStepMinor: Int64 = 1_000_000
    /// `markup`: 0 % to 1000 %.
    public static let markup = Percent(basisPoints: 0)...Percent(basisPoints: 100_000)
    /// `vat`: 0 % to 100 %.
    public static let vat = Percent(basisPoints: 0)...Percent.hundred
    /// `max_change`: above 0 % (0 % would hold every change) up to 1000 %.
    public static let maxChange = Percent(basisPoints: 1)...Percent(basisPoints: 100_000)
    /// The most requests a second a channel may be sent (`rate_limit.per_second`).
    public static let maximumRequestsPerSecond: Double = 10_000
    /// `rate_limit.burst`: requests that may go at once after a quiet spell.
    public static let burst: ClosedRange<Int64> = 1...10_000
    /// Consecutive failed sends before a channel's circuit opens.
    public static let breakerFailures: ClosedRange<Int64> = 1...1_000
    /// `orders.deep_rescan_days`: how far back a deep re-scan reads (Walmart lists orders of the last 180 days).
    public static let deepRescanDays: ClosedRange<Int64> = 1...180
}
