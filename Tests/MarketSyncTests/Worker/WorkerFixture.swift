import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncStore
import MarketSyncTesting
import Synchronization

/// A worker over a real SQLite store, a real catalog file and two scripted channels (`a`, `b`), configured from a
/// YAML file and an environment the test controls, on a manual clock.
///
/// Channel `a` runs every 10 minutes with its orders every minute; `b` runs on the worker's 5 minutes. `a`'s token
/// comes from a file (`TOKEN_A_FILE`), `b`'s from the environment.
final class WorkerFixture: Sendable {
    let folder: URL
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_795_000_000))
    let factory = ScriptedFactory()
    var configPath: String { folder.appendingPathComponent("marketsync.yaml").path }
    var catalogPath: String { folder.appendingPathComponent("catalog.csv").path }
    var tokenFile: String { folder.appendingPathComponent("token-a").path }
    var storePath: String { folder.appendingPathComponent("store.sqlite").path }

    init(grace: String = "30s") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("worker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try writeConfig(grace: grace)
        try writeCatalog(stock: ["S1": 10, "S2": 5])
        try write("a-1\n", to: tokenFile)
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func writeConfig(grace: String = "30s") throws {
        try write("""
            store:
              sqlite: store.sqlite
            sources:
              - path: catalog.csv
            rates:
              CNY: "0.1"
            worker:
              interval: 5m
              debounce: 2s
              shutdown_grace: \(grace)
            channels:
              a:
                adapter: scripted
                endpoint: http://127.0.0.1:9/a
                credentials:
                  token: TOKEN_A
                schedule:
                  every: 10m
                  orders: 1m
              b:
                adapter: scripted
                endpoint: http://127.0.0.1:9/b
                credentials:
                  token: TOKEN_B

            """, to: configPath)
    }

    func writeCatalog(stock: [SKU: Int]) throws {
        var text = "sku,name_ru,price_rub,stock,listing:a,listing:b\n"
        for (sku, quantity) in stock.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            text += "\(sku),Товар,100.00,\(quantity),1:\(sku),2:\(sku)\n"
        }
        try write(text, to: catalogPath)
    }

    var setup: WorkerSetup {
        let factory = factory, clock = clock, configPath = configPath, tokenFile = tokenFile
        return WorkerSetup(load: {
            try ConfigLoader(environment: ["TOKEN_A_FILE": tokenFile, "TOKEN_B": "b-1"]).load(path: configPath)
        }, open: { configuration, shutdown in
            try SyncRuntime.open(configuration, registry: AdapterRegistry([factory]), clock: clock, logger: Logger(label: "test"),
                                 shutdown: shutdown) { _, _ in UnusedTransport() }
        })
    }

    func makeWorker(options: WorkerOptions = WorkerOptions()) throws -> SyncWorker {
        let shutdown = ShutdownSignal()
        let setup = setup
        return SyncWorker(runtime: try setup.open(try setup.load(), shutdown), shutdown: shutdown, setup: setup, clock: clock,
                          logger: Logger(label: "test"), options: options)
    }

    /// The store, opened again (as `marketsync status` would).
    func store() throws -> SQLiteStore { try SQLiteStore(path: storePath) }
}

/// Reads a worker's events in a test.
struct WorkerEvents {
    var iterator: AsyncStream<WorkerEvent>.Iterator
    let clock: ManualClock

    init(_ worker: SyncWorker, clock: ManualClock) {
        iterator = worker.events.makeAsyncIterator()
        self.clock = clock
    }

    /// The next run's work, triggers and summary; fails on a stop first.
    mutating func nextRun() async throws -> (work: [ChannelID: Set<WorkKind>], triggers: [WorkerTrigger], summary: RunSummary) {
        while let event = await iterator.next() {
            switch event {
            case let .ran(work, triggers, summary): return (work, triggers, summary)
            case let .runFailed(_, error): throw error
            case .stopped: throw MarketSyncError(.cancelled, "worker stopped before a run")
            default: continue
            }
        }
        throw MarketSyncError(.cancelled, "worker events ended")
    }

    /// Waits until the worker waits on the clock, reporting any run that came first.
    mutating func idle() async -> [RunSummary] {
        var runs: [RunSummary] = []
        while let event = await iterator.next() {
            if case let .ran(_, _, summary) = event { runs.append(summary) }
            if case .idle = event {
                await clock.waitForSleepers(count: 1)
                return runs
            }
        }
        return runs
    }

    /// The next event that `match` picks out.
    mutating func next<T>(_ match: (WorkerEvent) -> T?) async -> T? {
        while let event = await iterator.next() {
            if let value = match(event) { return value }
        }
        return nil
    }

    /// Moves the clock one second at a time (the source poll) until `seconds` have passed, letting the worker run
    /// what comes due at each step; returns the runs that happened.
    mutating func advance(seconds: Int) async -> [RunSummary] {
        var runs: [RunSummary] = []
        for _ in 0..<seconds {
            clock.advance(by: .seconds(1))
            runs += await idle()
        }
        return runs
    }
}
