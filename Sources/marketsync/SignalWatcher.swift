import Dispatch
import Foundation
import MarketSync
import Synchronization

/// Turns SIGINT and SIGTERM into a shutdown request plus an event a wait can end on. Graceful shutdown is not
/// cancellation: the batch in flight finishes and is committed; only the wait between runs is cut short.
final class SignalWatcher: Sendable {
    let shutdown: ShutdownSignal
    /// Whoever waits for a signal now, and whether one came (a reference, so the signal handlers can share it).
    private let box = StateBox()

    private final class StateBox: Sendable {
        let state = Mutex<(waiter: CheckedContinuation<Void, Never>?, signalled: Bool)>((nil, false))
    }
    // DispatchSource objects are thread-safe but not marked Sendable; they are only kept alive here.
    private nonisolated(unsafe) let sources: [any DispatchSourceSignal]

    init(_ signals: [Int32] = [SIGINT, SIGTERM], shutdown: ShutdownSignal = ShutdownSignal()) {
        self.shutdown = shutdown
        let box = self.box
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                shutdown.request()
                box.state.withLock { state in
                    state.signalled = true
                    state.waiter?.resume()
                    state.waiter = nil
                }
            }
            source.resume()
            return source
        }
    }

    /// Waits `duration`, or less if a signal arrives.
    func wait(for duration: Duration) async {
        guard !shutdown.isRequested else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: duration) }
            group.addTask { await self.waitForSignal() }
            await group.next()
            group.cancelAll()
        }
    }

    /// Waits until a signal arrives (or the task is cancelled).
    func waitForSignal() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                box.state.withLock { state in
                    if state.signalled || Task.isCancelled {
                        continuation.resume()
                    } else {
                        state.waiter = continuation
                    }
                }
            }
        } onCancel: {
            box.state.withLock { state in
                state.waiter?.resume()
                state.waiter = nil
            }
        }
    }
}
