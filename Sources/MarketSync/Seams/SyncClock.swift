public import Foundation

/// Wall time and waiting, injected so tests drive time by hand.
public protocol SyncClock: Sendable {
    /// The current wall-clock time.
    func now() -> Date
    /// Waits for `duration`; must throw `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock.
public struct SystemClock: SyncClock {
    /// The system clock; it keeps no state.
    public init() {}
    /// `Date()`.
    public func now() -> Date { Date() }
    /// `Task.sleep(for:)`: throws `CancellationError` when the task is cancelled.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
