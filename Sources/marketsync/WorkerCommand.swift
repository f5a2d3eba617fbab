import ArgumentParser
import Logging
import MarketSync
import MarketSyncApp
import ServiceLifecycle
import UnixSignals

/// The worker: `SyncWorker` in a `ServiceGroup` that stops it gracefully on SIGTERM and SIGINT; SIGHUP reloads.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Sync on per-channel schedules until SIGINT or SIGTERM; SIGHUP reloads the config and credentials.",
        discussion: """
        Each channel's stock, prices and orders run on their own schedules (schedule.stock, schedule.prices,
        schedule.orders, each defaulting to schedule.every, else --interval or worker.interval). A catalog file that
        changes, or orders that reserve stock other channels sell, start a run at once (after worker.debounce). A
        channel that another process is syncing is skipped for that run. A store that stays busy is retried with a
        growing wait (1 s doubling to 60 s).

        SIGTERM or SIGINT: the batches in flight finish and commit, then exit 0; a run still going after
        worker.shutdown_grace (default 30s) is cancelled, recorded as interrupted, and the worker exits 130.
        SIGHUP: the run in flight finishes; the next one uses the config and credentials read again (a config that
        no longer loads is logged and the old one stays). See docs/operations.md.
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Time between runs (30s, 5m, 1h); default the config's worker.interval.") var interval: String?
    @Option(help: "Stop after this many runs (for drills and tests).") var maxRuns: Int?

    func run() async throws {
        let logger = global.makeLogger()
        let options = WorkerOptions(interval: try interval.map { try DurationOption.parse($0, option: "--interval") }, maxRuns: maxRuns)
        let setup = WorkerSetup.live(configPath: global.config, logger: logger)
        let shutdown = ShutdownSignal()
        // A config that does not load, or a store that does not open, is an error before anything starts (exit 2).
        let runtime = try setup.open(try setup.load(), shutdown)
        let worker = SyncWorker(runtime: runtime, shutdown: shutdown, setup: setup, clock: SystemClock(), logger: logger, options: options)
        var group = ServiceGroupConfiguration(
            services: [.init(service: HangupReloader(worker: worker)), .init(service: worker)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // A backstop past the worker's own grace (which records the run as interrupted first): escalate to cancellation.
        group.maximumGracefulShutdownDuration = runtime.configuration.worker.shutdownGrace + .seconds(10)
        try await ServiceGroup(configuration: group).run()
        logger.notice("worker stopped", metadata: ["sync.exit_code": "\(worker.exitStatus.rawValue)"])
        if worker.exitStatus != .ok { throw ExitCode(worker.exitStatus.rawValue) }
    }
}
