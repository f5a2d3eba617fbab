import ArgumentParser
import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
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
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Time between runs (30s, 5m, 1h); default the config's worker.interval.") var interval: String?
    @Option(help: "Stop after this many runs (for drills and tests).") var maxRuns: Int?

    func run() async throws {
        let logger = global.makeLogger()
        let configuration = try ConfigLoader().load(path: global.config)
        var pause = configuration.worker.interval
        if let interval {
            pause = try DurationOption.parse(interval, option: "--interval")
        }
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
        print("worker stopped after \(runs) runs")
    }
}
