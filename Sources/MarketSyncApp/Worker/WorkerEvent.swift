public import Foundation
public import MarketSync

/// What the worker did, as it happens: for a status page, tests and logs.
public enum WorkerEvent: Sendable {
    /// Nothing is due; the worker waits until this time (or a wake-up).
    case idle(until: Date)
    /// A trigger was noted; a run follows when the debounce window closes.
    case triggered(WorkerTrigger)
    /// A run finished: the work it did per channel, the triggers it served, and its summary.
    case ran(work: [ChannelID: Set<WorkKind>], triggers: [WorkerTrigger], summary: RunSummary)
    /// A run could not start or was given up: the sources could not be read, or the store failed.
    case runFailed(work: [ChannelID: Set<WorkKind>], error: MarketSyncError)
    /// A reload took effect: the next run uses the new configuration.
    case reloaded
    /// A reload failed; the configuration in force stays. The error names the problem.
    case reloadFailed(MarketSyncError)
    /// The worker stopped with this exit status (0, or 130 past the shutdown deadline).
    case stopped(ExitStatus)
}
