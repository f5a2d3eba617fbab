internal import Foundation
internal import MarketSync
internal import Synchronization

/// Lets one OF24 import out at a time, at least `interval` after the previous one (Mirakl allows OF24 once a minute:
/// docs/channels.md, "Rate limits").
///
/// One at a time matters beyond the limit: each import carries whole offer records, built from the records the
/// adapter holds when it is sent; two built concurrently could reach the channel in the other order, and the older
/// record would then overwrite the newer one.
final class MiraklImportGate: Sendable {
    private struct State {
        var busy = false
        var nextID = 0
        var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
        var lastImport: Date?
    }

    private let state = Mutex(State())
    let interval: Duration
    let clock: any SyncClock

    /// A gate spacing imports by `interval` on `clock`.
    init(interval: Duration, clock: any SyncClock) {
        self.interval = interval
        self.clock = clock
    }

    /// Runs `body` alone among the callers of this gate, once `interval` has passed since the last import it let
    /// out; the import's time is recorded when `body` has run, whether it threw or not. Throws `CancellationError` when
    /// the task is cancelled while it waits.
    func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        if let last = state.withLock({ $0.lastImport }) {
            let wait = last.addingTimeInterval(interval.timeInterval).timeIntervalSince(clock.now())
            if wait > 0 { try await clock.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up)))) }
        }
        defer { state.withLock { $0.lastImport = clock.now() } }
        return try await body()
    }

    private func acquire() async throws {
        let id = state.withLock { state -> Int? in
            if !state.busy {
                state.busy = true
                return nil
            }
            state.nextID += 1
            return state.nextID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let cancelled = state.withLock { state -> Bool in
                    if Task.isCancelled { return true }
                    state.waiters.append((id, continuation))
                    return false
                }
                if cancelled { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            guard !state.waiters.isEmpty else {
                state.busy = false
                return nil
            }
            // The gate passes straight to the next waiter: it stays busy.
            return state.waiters.removeFirst().continuation
        }
        next?.resume()
    }
}
