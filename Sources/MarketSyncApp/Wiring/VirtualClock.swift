public import Foundation
public import MarketSync
internal import Synchronization

/// A clock for recording and replaying scenarios: it starts at the scenario's instant and a sleep moves it
/// forward at once, so backoff and rate limits cost no real time and every timestamp is reproducible.
final class VirtualClock: SyncClock {
    private let current: Mutex<Date>

    public init(start: Date) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        advance(by: duration)
    }

    /// Moves time forward.
    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.addingTimeInterval(duration.timeInterval) }
    }
}
