internal import Foundation
internal import MarketSync
internal import Synchronization

/// A clock for recording and replaying scenarios: it starts at the scenario's instant and a sleep moves it
/// forward at once, so backoff and rate limits cost no real time and every timestamp is reproducible.
final class VirtualClock: SyncClock {
    private let current: Mutex<Date>

    /// A clock reading `start`.
    public init(start: Date) { current = Mutex(start) }

    /// The virtual time.
    public func now() -> Date { current.withLock { $0 } }

    /// Moves time forward by `duration` at once, without waiting. Concurrent sleeps add up: two tasks sleeping 1 s
    /// each move the clock 2 s. Throws `CancellationError` when the task is cancelled.
    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        advance(by: duration)
    }

    /// Moves time forward.
    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.addingTimeInterval(duration.timeInterval) }
    }
}
