public import Foundation

/// Splits "from the stored cursor up to now − lag" into windows a channel accepts: each at most `maxLength`
/// long, the first starting `overlap` before the cursor so an order updated at a boundary is read again
/// (de-duplication makes that harmless) rather than missed.
struct OrderWindowPlanner: Sendable {
    /// The channel's window rules.
    public let policy: OrderWindowPolicy
    /// The most windows one run reads; the rest waits for the next run.
    let maxWindows: Int

    /// A planner for `policy`. A window not longer than its overlap is a programmer error (`precondition`).
    public init(policy: OrderWindowPolicy, maxWindows: Int = 200) {
        precondition(policy.maxLength > policy.overlap, "an order window must be longer than its overlap")
        self.policy = policy
        self.maxWindows = maxWindows
    }

    /// The windows to read now, in order; empty when `cursor − overlap` is not before `now − lag`.
    public func windows(cursor: Date?, now: Date) -> [OrderWindow] {
        let limit = now.addingTimeInterval(-policy.lag.timeInterval)
        let start = cursor.map { $0.addingTimeInterval(-policy.overlap.timeInterval) }
            ?? now.addingTimeInterval(-policy.initialLookback.timeInterval)
        return windows(from: start, to: limit)
    }

    /// The windows covering `[from, to]`, in order, each at most `maxLength` long and starting `overlap` before
    /// the previous one's end (a deep re-scan cuts its range this way); empty when `from` is not before `to`.
    public func windows(from: Date, to limit: Date) -> [OrderWindow] {
        var windows: [OrderWindow] = []
        // Truncate to whole seconds: channels take Unix seconds.
        var start = Date(timeIntervalSince1970: from.timeIntervalSince1970.rounded(.down))
        let end = Date(timeIntervalSince1970: limit.timeIntervalSince1970.rounded(.down))
        while start < end, windows.count < maxWindows {
            let windowEnd = min(start.addingTimeInterval(policy.maxLength.timeInterval), end)
            windows.append(OrderWindow(start: start, end: windowEnd))
            if windowEnd >= end { break }
            start = windowEnd.addingTimeInterval(-policy.overlap.timeInterval)
        }
        return windows
    }
}

extension Duration {
    /// Seconds as a `TimeInterval`.
    public var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
