import MarketSyncApp
import ServiceLifecycle
import UnixSignals

/// Turns SIGHUP into a worker reload, as a service beside the worker; it ends on graceful shutdown.
struct HangupReloader: Service {
    let worker: SyncWorker

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in hangups { worker.reload() }
        }
    }
}
