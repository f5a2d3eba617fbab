import Dispatch
import Foundation
import MarketSync

/// Turns SIGINT and SIGTERM into a shutdown request for a one-off `sync`: the batches in flight finish and are
/// committed, no new one starts, and the run is recorded as interrupted. (The worker stops through its
/// `ServiceGroup` instead.)
final class SignalWatcher: Sendable {
    let shutdown: ShutdownSignal
    // DispatchSource objects are thread-safe but not marked Sendable; they are only kept alive here.
    private nonisolated(unsafe) let sources: [any DispatchSourceSignal]

    init(_ signals: [Int32] = [SIGINT, SIGTERM], shutdown: ShutdownSignal = ShutdownSignal()) {
        self.shutdown = shutdown
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { shutdown.request() }
            source.resume()
            return source
        }
    }
}
