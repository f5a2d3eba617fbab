import ArgumentParser
import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncHTTP
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
        no longer loads is logged and the old one stays). With --http (or worker.http), health, readiness,
        Prometheus metrics, a JSON status and a status page are served on that address beside the worker, and the
        channels' webhook deliveries are taken at POST /webhooks/CHANNEL (a channel with webhooks on needs it). See
        docs/operations.md.
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Time between runs (30s, 5m, 1h); default the config's worker.interval.") var interval: String?
    @Option(help: "Stop after this many runs (for drills and tests).") var maxRuns: Int?
    @Option(help: "Serve /healthz, /readyz, /metrics, /api/status and a status page on HOST:PORT (127.0.0.1:9464); default the config's worker.http, else none.")
    var http: String?

    func validate() throws {
        if let http, HTTPListenAddress(parsing: http) == nil {
            throw ValidationError("--http must be HOST:PORT (127.0.0.1:9464), the port from 0 to 65535")
        }
    }

    func run() async throws {
        let logger = global.makeLogger()
        let options = WorkerOptions(interval: try interval.map { try DurationOption.parse($0, option: "--interval") }, maxRuns: maxRuns)
        let setup = WorkerSetup.live(configPath: global.config, logger: logger)
        let shutdown = ShutdownSignal()
        // A config that does not load (exit 2), or a store that does not open (exit 1), stops it before anything starts.
        let configuration = try setup.load()
        let address = http.flatMap(HTTPListenAddress.init(parsing:)) ?? configuration.worker.http
        // Bootstrapped before the runners are built, so the engine's counters go to the endpoint's registry.
        let registry = address.map { _ in PrometheusBootstrap.registry() }
        let runtime = try setup.open(configuration, shutdown)
        // A shared store that cannot be reached fails here, at start (exit 2), not on the first run.
        try await runtime.prepareStore()
        // Webhooks need the endpoint: Walmart (or another channel) would post to a URL nothing serves.
        if address == nil, let channel = configuration.channels.first(where: { runtime.webhooks[$0.id] != nil }) {
            throw channel.configError("webhooks are on, but the worker serves no HTTP endpoint for them: set worker.http or --http",
                                      key: "options.webhook.url")
        }
        let worker = SyncWorker(runtime: runtime, shutdown: shutdown, setup: setup, clock: SystemClock(), logger: logger, options: options)
        var group = ServiceGroupConfiguration(
            // The worker returning (`--max-runs`) shuts the group down gracefully, like a signal would.
            services: [.init(service: HangupReloader(worker: worker)),
                       .init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // A backstop past the worker's own grace (which records the run as interrupted first): escalate to cancellation.
        group.maximumGracefulShutdownDuration = runtime.configuration.worker.shutdownGrace + .seconds(10)
        // The service logs; the command prints each run's table for a person or a journal, as `sync` does.
        let services = ServiceGroup(configuration: group)
        let work: @Sendable () async throws -> Int = {
            try await withThrowingTaskGroup(of: Int.self) { tasks in
                tasks.addTask { try await services.run(); return 0 }
                tasks.addTask { await Self.printRuns(worker.events) }
                var runs = 0
                for try await count in tasks { runs += count }
                return runs
            }
        }
        var runs = 0
        if let address, let registry {
            guard let status = runtime.store as? any StatusStore else {
                throw MarketSyncError(.config, "the configured store cannot serve the status endpoint", key: "worker.http")
            }
            let source = StatusSource(store: runtime.store, status: status, channels: configuration.channels.map(\.id), clock: runtime.clock)
            // Webhook deliveries go to the worker, checked by the channel's webhook under the configuration in force.
            let intake = WebhookIntake(sink: worker, webhook: { [worker] channel in worker.webhook(for: channel) })
            let endpoint = StatusEndpoint(source: source, registry: registry, settings: StatusEndpointSettings(address: address),
                                          logger: logger, webhooks: intake)
            runs = try await endpoint.serving(onListening: { port in
                print("status endpoint listening on http://\(HTTPListenAddress(host: address.host, port: port))/")
            }, work)
        } else {
            runs = try await work()
        }

        print("worker stopped after \(runs) runs")
        if worker.exitStatus != .ok { throw ExitCode(worker.exitStatus.rawValue) }
    }

    /// Prints `[time] run ID: channels` and the summary table of every run; returns how many there were.
    private static func printRuns(_ events: AsyncStream<WorkerEvent>) async -> Int {
        var runs = 0
        for await event in events {
            guard case let .ran(work, _, summary) = event else { continue }
            runs += 1
            print("[\(ISO8601DateFormatter().string(from: Date()))] run \(summary.runID.map(String.init) ?? "?"): "
                  + work.keys.map(\.rawValue).sorted().joined(separator: ", "))
            print(SummaryFormatter.table(summary))
        }
        return runs
    }
}
