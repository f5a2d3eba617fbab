import ArgumentParser
import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncWire

/// `marketsync`: keeps a producer's stock and prices in step on every channel and brings the orders home.
@main
struct MarketSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marketsync",
        abstract: "Keep stock and prices in step on every sales channel, and bring the orders back.",
        discussion: """
        Exit codes of sync, ship and replay:
        \(ExitStatus.reference)
        Secrets are read from the environment variables the config names; they never reach a log or a cassette.
        """,
        version: MarketSyncVersion.current,
        subcommands: [SyncCommand.self, ImportCommand.self, WorkerCommand.self, ReplayCommand.self, RecordCommand.self, CheckConfigCommand.self,
                      ShipCommand.self, SandboxCommand.self, FailuresCommand.self, RetryCommand.self,
                      ExplainCommand.self, HeldCommand.self, ApproveCommand.self, IncidentsCommand.self, OrdersCommand.self,
                      BenchPlanCommand.self, PartnerCommand.self, StatusCommand.self])

    /// Runs the command; usage errors exit 2 (not ArgumentParser's 64) so scripts see one code for "fix your call".
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as MarketSyncError {
            FileHandle.standardError.write(Data("marketsync: \(error.description)\n".utf8))
            Foundation.exit(processExitCode(for: error.code))
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// The exit code of a run that ended with `code` (see `ExitStatus`).
func processExitCode(for code: MarketSyncError.Code) -> Int32 {
    switch code {
    case .config, .source, .cassette, .leaseHeld, .storeUnreachable: ExitStatus.usage.rawValue
    case .unauthorized, .transport, .channelUnavailable, .rateLimited, .garbledResponse: ExitStatus.channelDown.rawValue
    case .cancelled: ExitStatus.interrupted.rawValue
    default: ExitStatus.failures.rawValue
    }
}

/// Options every command that reads the config shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The YAML config file.")
    var config: String = "marketsync.yaml"

    @Option(name: .long, help: "Log level on standard error: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "notice"

    @Option(name: .long, help: "Log lines as text (for a terminal) or json (one object a line, for a log shipper).")
    var logFormat: String = "text"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        guard LogFormat(rawValue: logFormat) != nil else { throw ValidationError("--log-format must be text or json") }
    }

    /// Loads the config. Without `requireSecrets`, credentials whose environment variables are unset are left
    /// empty: commands that only read the store need no channel secrets.
    func loadConfiguration(requireSecrets: Bool = true) throws -> SyncConfiguration {
        try ConfigLoader(requireSecrets: requireSecrets).load(path: config)
    }

    /// Loads the config and opens the store and every channel. `live` false builds adapters that must not send
    /// (explain, held, approve) and needs no channel secrets.
    func openRuntime(live: Bool = true, shutdown: ShutdownSignal = ShutdownSignal()) async throws -> SyncRuntime {
        try await openRuntime(try loadConfiguration(requireSecrets: live), live: live, shutdown: shutdown)
    }

    func openRuntime(_ configuration: SyncConfiguration, live: Bool, shutdown: ShutdownSignal = ShutdownSignal(),
                     storePath: String? = nil) async throws -> SyncRuntime {
        let runtime = try SyncRuntime.open(configuration, clock: SystemClock(), logger: makeLogger(), shutdown: shutdown, storePath: storePath) { _, _ in
            live ? CurlTransport(options: .init()) as any Transport : UnusedTransport()
        }
        // A shared store that cannot be reached fails here, before anything is read or sent (exit 2).
        try await runtime.prepareStore()
        return runtime
    }

    /// The process's one logger, to standard error.
    func makeLogger() -> Logger {
        let level = Logger.Level(rawValue: logLevel) ?? .notice
        LoggingBootstrap.once(level: level, format: LogFormat(rawValue: logFormat) ?? .text)
        var logger = Logger(label: "marketsync")
        logger.logLevel = level
        return logger
    }
}

/// How log lines are written.
enum LogFormat: String {
    /// swift-log's text lines, for a person at a terminal.
    case text
    /// One JSON object a line (`JSONLogHandler`).
    case json
}

/// Installs the stderr log handler once per process, with the run and request ids of `LogContext` on every line.
enum LoggingBootstrap {
    private static let done = LockedFlag()
    static func once(level: Logger.Level, format: LogFormat = .text) {
        guard done.set() else { return }
        LoggingSystem.bootstrap({ label, provider in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label, metadataProvider: provider)
                handler.logLevel = level
                return handler
            case .json:
                var handler = JSONLogHandler.standardError(label: label, metadataProvider: provider)
                handler.logLevel = level
                return handler
            }
        }, metadataProvider: LogContext.metadataProvider)
    }
}
