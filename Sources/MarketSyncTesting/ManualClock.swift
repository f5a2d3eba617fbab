public import Foundation
public import MarketSync
internal import Synchronization

/// A `SyncClock` moved by hand: `now()` is what the test set, and `sleep(for:)` suspends until the test
/// advances time to the deadline (or the task is cancelled). Nothing ever really sleeps.
public final class ManualClock: SyncClock {
    private struct Sleeper {
        var deadline: Date
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var nextID = 0
        var sleepers: [Int: Sleeper] = [:]
        var sleeperWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state: Mutex<State>

    /// A clock reading `now` (by default 2024-01-01T00:00:00Z, a fixed instant so tests are repeatable).
    public init(now: Date = Date(timeIntervalSince1970: 1_704_067_200)) {
        state = Mutex(State(now: now))
    }

    /// The time the test last set.
    public func now() -> Date {
        state.withLock { $0.now }
    }

    /// How many tasks are sleeping on this clock.
    public var sleeperCount: Int {
        state.withLock { $0.sleepers.count }
    }

    /// Suspends until time has been advanced to `now + duration`. A zero or negative duration returns at once.
    /// Throws `CancellationError` when the task is cancelled, before or while sleeping.
    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        guard seconds > 0 else { return }
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let waiters: [CheckedContinuation<Void, Never>]? = state.withLock { state in
                    // The cancellation handler may have run before this registration; it found nothing to
                    // resume, so check here, under the same lock.
                    if Task.isCancelled { return nil }
                    state.sleepers[id] = Sleeper(deadline: state.now.addingTimeInterval(seconds), continuation: continuation)
                    return Self.takeReadyWaiters(&state)
                }
                guard let waiters else {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                waiters.forEach { $0.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward by `duration` and wakes every sleeper whose deadline has come.
    public func advance(by duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let due = state.withLock { state in
            state.now = state.now.addingTimeInterval(seconds)
            return Self.takeDue(&state)
        }
        due.forEach { $0.resume() }
    }

    /// Sets the time (forwards or backwards) and wakes every sleeper whose deadline has come.
    public func set(to date: Date) {
        let due = state.withLock { state in
            state.now = date
            return Self.takeDue(&state)
        }
        due.forEach { $0.resume() }
    }

    /// Returns once at least `count` tasks are sleeping on this clock: lets a test wait for an event instead
    /// of sleeping.
    public func waitForSleepers(count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state in
                if state.sleepers.count >= count { return true }
                state.sleeperWaiters.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    private static func takeDue(_ state: inout State) -> [CheckedContinuation<Void, any Error>] {
        let now = state.now
        let dueIDs = state.sleepers.filter { $0.value.deadline <= now }.map(\.key)
        return dueIDs.compactMap { state.sleepers.removeValue(forKey: $0)?.continuation }
    }

    private static func takeReadyWaiters(_ state: inout State) -> [CheckedContinuation<Void, Never>] {
        let count = state.sleepers.count
        let ready = state.sleeperWaiters.filter { $0.count <= count }.map(\.continuation)
        state.sleeperWaiters.removeAll { $0.count <= count }
        return ready
    }
}
