internal import Synchronization

/// Asks long work to stop between batches: the batch in flight finishes and is committed, the next one does
/// not start. Unlike task cancellation it never interrupts a call the channel may already have applied.
public final class ShutdownSignal: Sendable {
    private let requested = Atomic<Bool>(false)
    /// A signal not yet requested. One instance is shared by the signal handler and the work it stops.
    public init() {}
    /// Asks to stop.
    public func request() { requested.store(true, ordering: .sequentiallyConsistent) }
    /// Whether stopping was asked for.
    public var isRequested: Bool { requested.load(ordering: .sequentiallyConsistent) }
}
