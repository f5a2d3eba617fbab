public import Logging
public import MarketSync
internal import MarketSyncConfig
internal import MarketSyncWire
internal import Foundation

/// How the worker gets its configuration and runtime, at start and on every reload (SIGHUP).
public struct WorkerSetup: Sendable {
    /// Reads the configuration again: the file, and the secrets (environment variables, or the files their
    /// `<NAME>_FILE` variables name). Throws the config's problems.
    public var load: @Sendable () throws -> SyncConfiguration
    /// Opens the store and builds every channel for a configuration, sharing the worker's shutdown signal.
    public var open: @Sendable (SyncConfiguration, ShutdownSignal) throws -> SyncRuntime

    /// A setup from two closures (tests give their own registry, clock and transports).
    public init(load: @escaping @Sendable () throws -> SyncConfiguration,
                open: @escaping @Sendable (SyncConfiguration, ShutdownSignal) throws -> SyncRuntime) {
        self.load = load
        self.open = open
    }

    /// The production setup: the config at `path`, the process environment, the standard adapters on libcurl,
    /// the system clock.
    public static func live(configPath: String, logger: Logger) -> WorkerSetup {
        WorkerSetup(load: {
            // The process environment is what the process started with; a secret rotated without a restart comes
            // from a file (`<NAME>_FILE`), which is read again here.
            try ConfigLoader(environment: ProcessInfo.processInfo.environment).load(path: configPath)
        }, open: { configuration, shutdown in
            try SyncRuntime.open(configuration, clock: SystemClock(), logger: logger, shutdown: shutdown) { _, _ in
                CurlTransport(options: .init())
            }
        })
    }
}
