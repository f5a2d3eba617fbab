public import Foundation

/// Where a channel's periodic deep re-scan stands, as the store keeps it between runs.
public struct DeepRescanState: Sendable, Hashable {
    /// When the last finished pass began (nil: none finished yet); the next is due `DeepRescanPolicy.every`
    /// after it.
    public var lastCompletedAt: Date?
    /// The pass under way, if any: it goes on where it stopped (a run cut short, a crash) in the next run.
    public var pass: DeepRescanPass?

    /// A state as given.
    public init(lastCompletedAt: Date?, pass: DeepRescanPass? = nil) {
        self.lastCompletedAt = lastCompletedAt
        self.pass = pass
    }
}

/// One deep re-scan of a channel's orders: `[from, until]` read again window by window through the adapter's usual
/// listing call.
public struct DeepRescanPass: Sendable, Hashable {
    /// When the pass began; it becomes `lastCompletedAt` once the pass is done.
    public var startedAt: Date
    /// The earliest update time read again (`startedAt` minus the policy's days).
    public var from: Date
    /// Where the pass ends: the order cursor when it began (the incremental pulls read on from there).
    public var until: Date
    /// The end of the last window stored: the next window starts the channel's overlap before it.
    public var position: Date

    /// A pass as given.
    public init(startedAt: Date, from: Date, until: Date, position: Date) {
        self.startedAt = startedAt
        self.from = from
        self.until = until
        self.position = position
    }
}
