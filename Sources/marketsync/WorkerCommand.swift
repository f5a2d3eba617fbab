import ArgumentParser
import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncHTTP
import MarketSyncWire

/// The same as sync, on an interval, until SIGINT or SIGTERM.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run sync on an interval until SIGINT or SIGTERM; the batch in flight finishes, then exit 0.",
        discussion: """
        Each channel runs on its own schedule (schedule.every, else --interval or worker.interval). A channel that another
        process is syncing (a sync by hand) is skipped for that tick. A store that stays busy or unavailable is retried
        with a growing wait (1 s doubling to 60 s); nothing is lost, since every store write is one transaction.
        With --http (or worker.http), health, readiness, Prometheus metrics, a JSON status and a status page are served
        on that address beside the loop (docs/operations.md).
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
        let configuration = try ConfigLoader().load(path: global.config)
        var pause = configuration.worker.interval
        if let interval {
            pause = try DurationOption.parse(interval, option: "--interval")
        }
        let address = http.flatMap(HTTPListenAddress.init(parsing:)) ?? configuration.worker.http
        // Bootstrapped before the runners are built, so the engine's counters go to the endpoint's registry.
        let registry = address.map { _ in PrometheusBootstrap.registry() }
        let signals = SignalWatcher()
        let runtime = try SyncRuntime.open(configuration, clock: SystemClock(), logger: logger, shutdown: signals.shutdown) { _, _ in
            CurlTransport(options: .init())
        }
        // A shared store that cannot be reached fails here, at start (exit 2), not on the first tick.
        try await runtime.prepareStore()
        // Each channel runs on its own schedule (`schedule.every`, else the worker's interval); a tick wakes for the
        // earliest one due.
        let intervals = Dictionary(uniqueKeysWithValues: configuration.channels.map { ($0.id, $0.interval ?? pause) })
        var due = Dictionary(uniqueKeysWithValues: configuration.channels.map { ($0.id, ContinuousClock.now) })
        var runs = 0
        var storeBackoff = StoreBackoff()
        func loop() async throws {
        while !signals.shutdown.isRequested {
            let now = ContinuousClock.now
            let dueNow = Set(due.filter { $0.value <= now }.map(\.key))
            var retryIn: Duration?
            do {
                let reports = try runtime.readSources()
                // A channel another process is syncing (a sync by hand) is skipped this tick and tried on the next.
                let summary = try await runtime.engine.sync(reports: reports, mode: "worker", only: dueNow, whenHeld: .skip)
                print("[\(ISO8601DateFormatter().string(from: Date()))] run \(summary.runID.map(String.init) ?? "?"): "
                      + dueNow.map(\.rawValue).sorted().joined(separator: ", "))
                print(SummaryFormatter.table(summary))
                storeBackoff.reset()
            } catch let error as MarketSyncError where error.code == .source {
                // A bad catalog this time: the last good values stay in force; try again next run.
                logger.error("sources not imported", metadata: [LogKey.errorCode: "\(error.code)", LogKey.errorMessage: "\(error.description)"])
            } catch let error as MarketSyncError where error.code == .store {
                // A busy or briefly unavailable store (another process holds a long write): every write is one
                // transaction, so nothing half-done is left; wait and run again, longer each time.
                let delay = storeBackoff.next()
                logger.error("store unavailable; retrying", metadata: [
                    LogKey.errorCode: "\(error.code)", LogKey.errorMessage: "\(error.description)", LogKey.delayMS: "\(delay.milliseconds)",
                ])
                retryIn = delay
            }
            if retryIn == nil {
                for channel in dueNow { due[channel] = now + (intervals[channel] ?? pause) }
            }
            runs += 1
            if let maxRuns, runs >= maxRuns { break }
            let next = retryIn.map { ContinuousClock.now + $0 } ?? due.values.min() ?? now + pause
            await signals.wait(for: max(next - ContinuousClock.now, .milliseconds(10)))
        }
        }
        if let address, let registry {
            guard let status = runtime.store as? any StatusStore else {
                throw MarketSyncError(.config, "the configured store cannot serve the status endpoint", key: "worker.http")
            }
            let source = StatusSource(store: runtime.store, status: status, channels: configuration.channels.map(\.id), clock: runtime.clock)
            let endpoint = StatusEndpoint(source: source, registry: registry, settings: StatusEndpointSettings(address: address), logger: logger)
            try await endpoint.serving(onListening: { port in
                print("status endpoint listening on http://\(HTTPListenAddress(host: address.host, port: port))/")
            }, loop)
        } else {
            try await loop()
        }
        print("worker stopped after \(runs) runs")
    }
}
