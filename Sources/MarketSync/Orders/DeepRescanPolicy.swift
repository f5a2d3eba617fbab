/// How often a channel's orders of the last days are read again in full, besides the incremental pulls (which
/// start `OrderWindowPolicy.overlap` before the cursor): a listing that lost an order (an order changed while the
/// pages were read, a clock skew at the channel) gets a second chance, and the store absorbs what it reads twice.
public struct DeepRescanPolicy: Sendable, Hashable {
    /// `orders.deep_rescan_every` when only the days are configured: every 6 hours.
    public static let defaultEvery: Duration = .seconds(6 * 3600)
    /// `orders.deep_rescan_days` when only the interval is configured: the last 7 days.
    public static let defaultDays = 7
    /// The most windows one run reads for a pass; the rest is read by the next runs.
    public static let defaultWindowsPerRun = 48

    /// Time between the starts of two passes.
    public var every: Duration
    /// How many days back from now a pass reads.
    public var days: Int
    /// The most windows one run reads for a pass.
    public var windowsPerRun: Int

    /// A policy; by default every 6 hours over the last 7 days, 48 windows a run.
    public init(every: Duration = DeepRescanPolicy.defaultEvery, days: Int = DeepRescanPolicy.defaultDays,
                windowsPerRun: Int = DeepRescanPolicy.defaultWindowsPerRun) {
        self.every = every
        self.days = days
        self.windowsPerRun = max(1, windowsPerRun)
    }
}
