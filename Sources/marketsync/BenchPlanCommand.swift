import ArgumentParser
import Foundation
import Logging
import MarketSync
import MarketSyncStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `marketsync bench-plan` (hidden): the planning benchmark (docs/benchmarks.md). Generates a synthetic store through SQL
/// (`--generate-only`), or measures one (`--reuse`): a full plan and diff of every SKU on every channel from a
/// freshly opened store, the same diff as one bare SQL query, and an incremental plan after `--changed` SKUs
/// changed. Prints its figures; the last line is one JSON object.
struct BenchPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-plan",
        abstract: "Benchmark the planner over a generated store (see scripts/bench-plan).",
        shouldDisplay: false)

    @Option(help: "SKUs in the generated store.") var skus = 1_000_000
    @Option(help: "Channels every SKU is listed on.") var channels = 7
    @Option(help: "SKUs changed before the incremental plan.") var changed = 10_000
    @Option(help: "Items per stock or price request of the in-process channel.") var batchSize = 50
    @Option(help: "The store file.") var store = "out/bench-plan/store.sqlite"
    @Flag(help: "Only generate the store.") var generateOnly = false
    @Flag(help: "Measure an existing store (generated before, by another process).") var reuse = false
    @Flag(help: ArgumentHelp("Stop after the full plan (for profiling).", visibility: .hidden)) var fullOnly = false

    func validate() throws {
        guard skus > 0 else { throw ValidationError("--skus must be positive") }
        guard (1...64).contains(channels) else { throw ValidationError("--channels must be 1 to 64") }
        guard (0...skus).contains(changed) else { throw ValidationError("--changed must be 0 to --skus") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
        guard !(generateOnly && reuse) else { throw ValidationError("--generate-only and --reuse exclude each other") }
    }

    /// The day the benchmark plans for (days since 1970): before every generated expiry.
    static let today: Int32 = 20_700

    var channelIDs: [ChannelID] { (1...channels).map { ChannelID("bench-\($0)") } }

    /// Every channel's rules: no split, no buffer (so the plan is the bare SQL diff's quantity), and a price
    /// derived from RUB with markup and rounding.
    static let rules = ChannelRules(
        stock: StockRule(),
        price: PriceRule(rate: DecimalRatio(units: 825, scale: 4), currency: .cny, stepMinor: 10, rounding: .nearest,
                         markup: Percent(basisPoints: 2_000), maxChange: Percent(basisPoints: 3_000)))

    func run() async throws {
        let catalog = PlanningBenchmarkCatalog(skuCount: skus, channels: channelIDs)
        if !reuse {
            try await generate(catalog)
            if generateOnly { return }
        }
        try await measure(catalog)
    }

    private func generate(_ catalog: PlanningBenchmarkCatalog) async throws {
        let folder = URL(fileURLWithPath: store).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        let started = ContinuousClock.now
        let target = try SQLiteStore(path: store)
        let rule = Self.rules.price
        try await target.writeBenchmarkCatalog(catalog, currency: rule.currency, at: Date(timeIntervalSince1970: 1_790_000_000)) {
            rule.price(for: Money(minorUnits: $0, currency: .rub)).minorUnits
        }
        try target.close()
        print("generated \(skus) SKUs x \(channels) channels in \(Self.seconds(ContinuousClock.now - started)) s at \(store)")
    }

    private func measure(_ catalog: PlanningBenchmarkCatalog) async throws {
        let ids = channelIDs
        let specs = ids.enumerated().map {
            ChannelPlanSpec(channel: $0.element, rules: Self.rules, pushesStock: true, pushesPrices: true, stateIndex: $0.offset)
        }
        let clock = ContinuousClock()

        // Full plan and diff from a freshly opened store.
        let started = clock.now
        let target = try SQLiteStore(path: store)
        let opened = clock.now
        let (fullInput, fullTimings) = try await target.timedPlanningInput(channels: ids, changedSince: nil, expiringBefore: nil)
        var input: PlanningInput? = fullInput
        let read = clock.now
        let plans = Planner().plan(input ?? PlanningInput(skus: [], lots: [], warehouses: [], channels: []), specs: specs, today: Self.today)
        let planned = clock.now
        let peakRSS = Self.peakRSSMiB()
        let skuCount = input?.skus.count ?? 0
        input = nil
        let fullChanges = plans.reduce(0) { $0 + $1.changes.count }
        let planDiff = Self.seconds(planned - started)
        print("full plan+diff: \(skuCount) SKUs x \(ids.count) channels in \(planDiff) s (open \(Self.seconds(opened - started)) s, "
              + "planningInput \(Self.seconds(read - opened)) s, planner \(Self.seconds(planned - read)) s); "
              + "\(fullChanges) changes, \(plans.reduce(0) { $0 + $1.held.count }) held; peak RSS \(peakRSS) MiB")
        print("  full read: \(fullTimings)")

        if fullOnly { return }

        // The same stock diff as one bare SQL query.
        let sqlStarted = clock.now
        let baseline = try await target.stockDiffBaseline()
        let sqlBaseline = Self.seconds(clock.now - sqlStarted)
        print("bare SQL stock diff: \(baseline.values.reduce(0) { $0 + $1.count }) differing offers in \(sqlBaseline) s "
              + "(plan+diff / SQL = \(sqlBaseline > 0 ? String(format: "%.2f", planDiff / sqlBaseline) : "-"))")

        // Incremental: change `changed` SKUs through the ordinary import, plan only what changed.
        let mark = try await target.changeSequence()
        let step = max(1, skus / max(1, changed))
        let changedProducts = (0..<changed).map { catalog.product(1 + ($0 * step) % skus, extra: 5) }
        let importStarted = clock.now
        let counts = try await target.applyImport(changedProducts, source: "bench", at: Date(timeIntervalSince1970: 1_790_000_060))
        let importTime = Self.seconds(clock.now - importStarted)
        let afterImport = try await target.changeSequence()
        let incrementalStarted = clock.now
        let (incrementalInput, incrementalTimings) = try await target.timedPlanningInput(channels: ids, changedSince: mark, expiringBefore: Self.today + 1)
        let incrementalRead = clock.now
        let incrementalPlans = Planner().plan(incrementalInput, specs: specs, today: Self.today)
        let incremental = Self.seconds(clock.now - incrementalStarted)
        let incrementalChanges = incrementalPlans.reduce(0) { $0 + $1.changes.count }
        print("incremental: \(counts.updated) SKUs changed (import \(importTime) s); plan of \(incrementalInput.skus.count) SKUs "
              + "in \(incremental) s (read \(Self.seconds(incrementalRead - incrementalStarted)) s, planner "
              + "\(Self.seconds(clock.now - incrementalRead)) s), \(incrementalChanges) changes on \(ids.count) channels")
        print("  incremental read: \(incrementalTimings)")

        // Send one channel's changes through the engine's send path (outbox, batches, acknowledgements) to an
        // in-process channel that accepts everything and counts the calls.
        let plan = incrementalPlans[0]
        let stockChanges = plan.changes.filter { if case .stock = $0.value { true } else { false } }.count
        let priceChanges = plan.changes.count - stockChanges
        let minRequests = (stockChanges + batchSize - 1) / batchSize + (priceChanges + batchSize - 1) / batchSize
        let channel = CountingChannel(channel: plan.channel, batchSize: batchSize)
        let runner = ChannelRunner(adapter: channel, store: target, rules: Self.rules, clock: SystemClock(),
                                   logger: Logger(label: "bench-plan", factory: { _ in SwiftLogNoOpLogHandler() }))
        let sendStarted = clock.now
        _ = try await target.enqueue(plan.drafts, at: Date(timeIntervalSince1970: 1_790_000_120))
        let sent = try await runner.flushOutbox()
        let requests = await channel.takeCalls()
        print("sent \(plan.channel): \(stockChanges) stock and \(priceChanges) price changes in \(requests) requests "
              + "(minimum \(minRequests) at \(batchSize) items per request), \(sent.pushed) acknowledged, "
              + "\(sent.failed) failed, in \(Self.seconds(clock.now - sendStarted)) s")

        // Nothing changed since that pass: plan again from its mark, enqueue and send what it finds.
        let unchangedStarted = clock.now
        let unchangedPlans = Planner().plan(
            try await target.planningInput(channels: ids, changedSince: afterImport, expiringBefore: Self.today + 1),
            specs: specs, today: Self.today)
        let unchangedTime = Self.seconds(clock.now - unchangedStarted)
        _ = try await target.enqueue(unchangedPlans[0].drafts, at: Date(timeIntervalSince1970: 1_790_000_180))
        _ = try await runner.flushOutbox()
        let unchangedRequests = await channel.takeCalls()
        try target.close()
        print("unchanged: plan in \(unchangedTime) s, \(unchangedPlans.reduce(0) { $0 + $1.changes.count }) changes, "
              + "\(unchangedRequests) requests; peak RSS at the end: \(Self.peakRSSMiB()) MiB")

        func number(_ value: Double) -> String { String(format: "%.3f", value) }
        print("{\"skus\":\(skuCount), \"channels\":\(ids.count), \"plan_diff_s\":\(number(planDiff)), "
              + "\"peak_rss_mib\":\(peakRSS), \"sql_baseline_s\":\(number(sqlBaseline)), "
              + "\"incremental_changed\":\(counts.updated), \"incremental_s\":\(number(incremental)), "
              + "\"requests\":\(requests), \"min_requests\":\(minRequests), \"unchanged_requests\":\(unchangedRequests)}")
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The process's peak resident set so far, in MiB (Linux reports KiB, macOS bytes).
    static func peakRSSMiB() -> Int {
        var usage = rusage()
        #if os(Linux)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return -1 }
        #if canImport(Darwin)
        return Int(usage.ru_maxrss) / (1_024 * 1_024)
        #else
        return Int(usage.ru_maxrss) / 1_024
        #endif
    }
}

/// The in-process channel `bench-plan` sends to: accepts every item, counts the calls (requests) it gets, and
/// takes `batchSize` items per stock or price call.
actor CountingChannel: ChannelAdapter {
    nonisolated let channel: ChannelID
    nonisolated let capabilities: ChannelCapabilities
    private var calls = 0

    init(channel: ChannelID, batchSize: Int) {
        self.channel = channel
        capabilities = ChannelCapabilities(
            pushesStock: true, pushesPrices: true, pullsOrders: false, confirmsShipments: false,
            stockBatchSize: batchSize, priceBatchSize: batchSize, currency: BenchPlanCommand.rules.price.currency,
            rateLimit: RateLimit(requestsPerSecond: 1_000_000, burst: 1_000_000),
            orderWindow: OrderWindowPolicy(maxLength: .seconds(3_600), lag: .zero, overlap: .zero, initialLookback: .zero))
    }

    /// The calls counted since the last time, and a new count from zero.
    func takeCalls() -> Int {
        defer { calls = 0 }
        return calls
    }

    func pushStock(_ updates: [StockUpdate]) async throws -> PushOutcome {
        calls += 1
        return .completed(updates.map { ItemResult.accepted($0.item, $0.sku) })
    }

    func pushPrices(_ updates: [PriceUpdate]) async throws -> PushOutcome {
        calls += 1
        return .completed(updates.map { ItemResult.accepted($0.item, $0.sku) })
    }

    func pullOrders(in window: OrderWindow, after continuation: OrderContinuation?) async throws -> OrderPage {
        calls += 1
        return OrderPage(orders: [])
    }

    func confirmShipment(_ shipment: Shipment) async throws {
        calls += 1
    }

    func verifyAccess() async throws {
        calls += 1
    }
}
