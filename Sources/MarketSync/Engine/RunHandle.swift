internal import Synchronization

/// Learns the id of the run an engine began, so a caller that has to give up on the run (a worker past its
/// shutdown deadline cancels it) can still record it as interrupted.
public final class RunHandle: Sendable {
    private let id = Mutex<Int64?>(nil)
    /// A handle that knows no run yet.
    public init() {}
    /// The run's id once the engine recorded its start; nil before.
    public var runID: Int64? { id.withLock { $0 } }
    /// Called by the engine right after `beginRun`.
    func began(_ runID: Int64) { id.withLock { $0 = runID } }
}
