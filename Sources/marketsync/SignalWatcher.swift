import Dispatch
import Foundation
import MarketSync

/// Turns SIGINT and SIGTERM into a shutdown request plus an event a wait can end on. Graceful shutdown is not
/// cancellation: the batch in flight finishes and is committed; only the wait between runs is cut short.
final class SignalWatcher: Sendable {
    let shutdown: ShutdownSignal
    private let stream: AsyncStream<Int32>
    private let continuation: AsyncStream<Int32>.Continuation
    // DispatchSource objects are thread-safe but not marked Sendable; they are only kept alive here.
    private nonisolated(unsafe) let sources: [any DispatchSourceSignal]

    init(_ signals: [Int32] = [SIGINT, SIGTERM], shutdown: ShutdownSignal = ShutdownSignal()) {
        self.shutdown = shutdown
        let (stream, continuation) = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingNewest(4))
        self.stream = stream
        self.continuation = continuation
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                shutdown.request()
                continuation.yield(number)
            }
            source.resume()
            return source
        }
    }

    /// Waits `duration`, or less if a signal arrives.
    func wait(for duration: Duration) async {
        guard !shutdown.isRequested else { return }
        let stream = self.stream
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: duration) }
            group.addTask {
                var iterator = stream.makeAsyncIterator()
                _ = await iterator.next()
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// Waits until a signal arrives.
    func waitForSignal() async {
        var iterator = stream.makeAsyncIterator()
        _ = await iterator.next()
    }
}
