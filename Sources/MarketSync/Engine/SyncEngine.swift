public import Foundation
public import Logging

/// One sync across channels: import the sources in one transaction; pull every channel's orders (concurrently,
/// bounded), so their reservations count; plan every channel at once (a warehouse split between channels is
/// decided across them) and write the differences to the outbox; then send every channel's outbox concurrently,
/// each channel isolated from the others' failures.
public struct SyncEngine: Sendable {
    /// Where runs are recorded, sources imported and plans written; the runners' store.
    public let store: any SyncStore
    /// One runner per channel; plans and results come in this order.
    public let runners: [ChannelRunner]
    /// The run's clock: the times written to the store, and today's day for shelf-life rules.
    public let clock: any SyncClock
    /// Where the engine logs; each runner has its own.
    public let logger: Logger
    /// Channels pulled or sent at once (default: all of them, up to 16).
    public let concurrency: Int
    /// How long one channel's order pull may take before it is cancelled, so a slow channel cannot hold the
    /// others' plans and sends back; its stored windows stay, the rest is read next run.
    public let pullDeadline: Duration
    /// One sender per channel per store: taken before a channel pulls or sends (nil: nothing else can send).
    public let leases: ChannelLeases?
    /// Asked to stop (SIGINT, SIGTERM): no new batch starts, the run is recorded as interrupted.
    public let shutdown: ShutdownSignal

    /// An engine. A `concurrency` of nil means one per channel, up to 16; below 1 counts as 1.
    public init(store: any SyncStore, runners: [ChannelRunner], clock: any SyncClock, logger: Logger, concurrency: Int? = nil,
                pullDeadline: Duration = .seconds(120), leases: ChannelLeases? = nil, shutdown: ShutdownSignal = ShutdownSignal()) {
        self.leases = leases
        self.shutdown = shutdown
        self.store = store
        self.runners = runners
        self.clock = clock
        self.logger = logger
        self.concurrency = max(1, concurrency ?? min(runners.count, 16))
        self.pullDeadline = pullDeadline
    }

    /// Imports the reports' valid products in one transaction. A report read only while it is imported (its
    /// `stream`) is read inside that transaction, after the others' products; its rejected rows are returned.
    /// A run does this first; `marketsync import` does only this.
    public func importSources(_ reports: [ImportReport]) async throws -> (ImportCounts, [ImportReport.Rejection]) {
        let products = reports.flatMap(\.products)
        let streams = reports.compactMap { report in report.stream.map { ($0, report.overlay) } }
        let source = reports.map(\.source).joined(separator: ",")
        guard !streams.isEmpty else {
            guard !products.isEmpty else { return (ImportCounts(), []) }
            let counts = try await store.applyImport(products, source: source, at: clock.now())
            logger.info("catalog imported", metadata: [LogKey.count: "\(products.count)"])
            return (counts, [])
        }
        let (counts, rejections) = try await store.applyImport(source: source, at: clock.now()) { sink in
            if !products.isEmpty { try sink.upsert(products) }
            var rejections: [ImportReport.Rejection] = []
            for (stream, overlay) in streams { rejections += try stream.apply(to: sink, overlay: overlay) }
            return rejections
        }
        logger.info("catalog imported", metadata: [LogKey.count: "\(counts.inserted + counts.updated + counts.unchanged)"])
        return (counts, rejections)
    }

    /// A full run: import, pull, plan, send. Store failures throw; channel failures are in the summary.
    /// `fullPlan` plans every SKU even when an incremental plan would do.
    /// `only`: the channels due now (a worker's per-channel schedules): only they pull and send; every channel is
    /// still planned and queued, because a warehouse split is decided across all of them.
    /// `whenHeld`: what to do when another process holds a channel's lease (wait, fail, or skip that channel).
    /// `work`: per channel, the kinds of work due (a worker's per-kind schedules); it replaces `only` by its keys: a
    /// channel pulls orders only when `.orders` is due, and sends only the outbox kinds of its due work.
    /// `handle` learns the run's id as soon as the run is recorded.
    /// `orderHints`: per channel, orders its events named; a pulling channel reads them by id first
    /// (`ChannelAdapter.orders(withIDs:)`), so they count in this run's plan even when its listing lags.
    public func sync(reports: [ImportReport], mode: String = "sync", fullPlan: Bool = false, only: Set<ChannelID>? = nil,
                     work: [ChannelID: Set<WorkKind>]? = nil, whenHeld: ChannelLeases.WhenHeld = .wait,
                     orderHints: [ChannelID: Set<String>] = [:], handle: RunHandle? = nil) async throws -> RunSummary {
        let only = work.map { Set($0.keys) } ?? only
        guard let leases else {
            return try await run(reports: reports, mode: mode, fullPlan: fullPlan, only: only, work: work, blocked: [],
                                 orderHints: orderHints, handle: handle)
        }
        let wanted = runners.map(\.channel).filter { only?.contains($0) ?? true }
        let blocked = try await leases.acquire(wanted, whenHeld: whenHeld, shutdown: shutdown)
        let active = blocked.isEmpty ? only : Set(wanted).subtracting(blocked.map(\.channel))
        return try await leases.holding {
            try await run(reports: reports, mode: mode, fullPlan: fullPlan, only: active, work: work, blocked: blocked,
                          orderHints: orderHints, handle: handle)
        }
    }

    private func run(reports: [ImportReport], mode: String, fullPlan: Bool, only: Set<ChannelID>?, work: [ChannelID: Set<WorkKind>]?,
                     blocked: [ChannelLease], orderHints: [ChannelID: Set<String>], handle: RunHandle?) async throws -> RunSummary {
        // A source that cannot be read stops the run before it is recorded, wherever it is read (a streamed source
        // is read here, inside the import's transaction; the others before the engine).
        let (imported, streamedRejections) = try await importSources(reports)
        let runID = try await store.beginRun(mode: mode, at: clock.now())
        handle?.began(runID)
        // Every line logged from here on, the adapters' included, names the run.
        return try await LogContext.$runID.withValue(runID) {
            try await run(runID: runID, imported: imported, rejections: reports.flatMap(\.rejections) + streamedRejections,
                          fullPlan: fullPlan, only: only, work: work, blocked: blocked, orderHints: orderHints)
        }
    }

    private func run(runID: Int64, imported: ImportCounts, rejections: [ImportReport.Rejection], fullPlan: Bool,
                     only: Set<ChannelID>?, work: [ChannelID: Set<WorkKind>]?, blocked: [ChannelLease],
                     orderHints: [ChannelID: Set<String>]) async throws -> RunSummary {
        // With per-kind work, a channel pulls only when its orders are due.
        let pulling = work.map { work in Set(work.filter { $0.value.contains(.orders) }.keys) }
        let requestsBefore = runners.map { $0.requests?.value }
        let deadline = pullDeadline
        let specs = planSpecs
        let channels = runners.map(\.channel)
        var results = try await forEachChannel { runner in
            if let only, !only.contains(runner.channel) { return ChannelResult(channel: runner.channel) }
            if let pulling, !pulling.contains(runner.channel) { return ChannelResult(channel: runner.channel) }
            let scope = AcceptanceScope(specs: specs, index: channels.firstIndex(of: runner.channel) ?? 0)
            return try await Self.pull(runner, scope: scope, hints: orderHints[runner.channel] ?? [], deadline: deadline)
        }
        // A due deep re-scan, after every pull and before the plan (what it finds reserves in this run's plan), under
        // its own deadline: running out of time ends the pass for this run, not the channel's run.
        let pulled = results
        let rescanned = try await forEachChannel { runner in
            let index = channels.firstIndex(of: runner.channel) ?? 0
            if let only, !only.contains(runner.channel) { return ChannelResult(channel: runner.channel) }
            if let pulling, !pulling.contains(runner.channel) { return ChannelResult(channel: runner.channel) }
            if pulled[index].stopped != nil || runner.deepRescan == nil { return ChannelResult(channel: runner.channel) }
            return try await Self.rescan(runner, scope: AcceptanceScope(specs: specs, index: index), deadline: deadline)
        }
        for c in results.indices { results[c].absorb(rescanned[c]) }
        let planned = try await plan(full: fullPlan)
        // Which SKUs this pass planned matters only to an incremental pass (held changes of the others stay).
        let plannedSKUs: [SKU]? = planned.incremental ? planned.input.skus.map(\.sku) : nil
        for (c, plan) in planned.plans.enumerated() {
            try await write(plan, runner: runners[c], plannedCount: planned.input.skus.count, plannedSKUs: plannedSKUs,
                            mark: PlanMark(sequence: planned.sequence, rulesDigest: runners[c].rules.digest), into: &results[c])
        }
        // A channel that stopped while pulling (unauthorized, unreachable) is not sent to in this run.
        var skipped = Set(results.filter { $0.stopped != nil }.map(\.channel))
        if let only { skipped.formUnion(runners.map(\.channel).filter { !only.contains($0) }) }
        let stopped = skipped
        let sent = try await forEachChannel { runner in
            if stopped.contains(runner.channel) { return ChannelResult(channel: runner.channel) }
            let kinds = work.map { work in Set((work[runner.channel] ?? []).flatMap(\.outboxKinds)) }
            return try await runner.flushOutbox(kinds: kinds)
        }
        for c in results.indices {
            results[c].absorb(sent[c])
            if let before = requestsBefore[c], let after = runners[c].requests?.value { results[c].requests = after - before }
            if let lease = blocked.first(where: { $0.channel == results[c].channel }) {
                results[c].skipped = "another process is syncing this channel: \(lease.holder)"
            }
            results[c].waiting = try await store.waitingWork(for: results[c].channel)
            if only?.contains(results[c].channel) ?? true, results[c].status == "ok" {
                runners[c].metrics.succeeded(channel: results[c].channel, at: clock.now())
            }
        }
        var summary = RunSummary(runID: runID, dryRun: false, imported: imported,
                                 rejectedRows: rejections.map(\.description), channels: results)
        summary.interrupted = shutdown.isRequested
        if let only {
            let covered = channels.filter { only.contains($0) }
            summary.work = Dictionary(uniqueKeysWithValues: covered.map { channel in
                (channel.rawValue, (work?[channel] ?? Set(WorkKind.allCases)).sorted())
            })
        }
        for runner in runners { summary.rates["RUB/\(runner.rules.price.currency)"] = runner.rules.price.rate.description }
        let json = (try? String(decoding: JSONEncoder.summary.encode(summary), as: UTF8.self)) ?? "{}"
        try await store.finishRun(runID, summaryJSON: json, exitCode: Int(summary.exitCode), at: clock.now())
        return summary
    }

    /// The plans of every channel and what they were made from.
    public struct Planned: Sendable {
        /// What was planned from: every SKU on a full plan, only the changed ones on an incremental one.
        public var input: PlanningInput
        /// One plan per runner, in runner order.
        public var plans: [ChannelPlan]
        /// The specs the plans were made with, in runner order.
        public var specs: [ChannelPlanSpec]
        /// The store's change sequence, read before the input: the plan marks record it, so a change
        /// committed while planning is planned again next time.
        public var sequence: Int64
        /// True when only SKUs changed since every channel's last plan were planned.
        public var incremental: Bool
        /// The day the plan used for shelf life, in days since 1970 (UTC).
        public var today: Int32
    }

    /// Plans every channel. Incremental (only SKUs changed since the last plan, and lots near their shelf-life
    /// limit) when every channel has a plan mark with its current rules; full otherwise or when `full`.
    public func plan(full: Bool = false, overlay: [Product] = []) async throws -> Planned {
        let channels = runners.map(\.channel)
        let specs = planSpecs
        let today = Self.day(clock.now())
        let sequence = try await store.changeSequence()
        var changedSince: Int64?
        if !full, overlay.isEmpty {
            var marks: [PlanMark] = []
            for runner in runners {
                guard let mark = try await store.planMark(for: runner.channel), mark.rulesDigest == runner.rules.digest else { break }
                marks.append(mark)
            }
            if marks.count == runners.count { changedSince = marks.map(\.sequence).min() }
        }
        var input = try await store.planningInput(channels: channels, changedSince: changedSince,
                                                  expiringBefore: Self.horizon(specs, today: today))
        if !overlay.isEmpty { input = PlanningOverlay(products: overlay).apply(to: input) }
        let plans = Planner().plan(input, specs: specs, today: today)
        return Planned(input: input, plans: plans, specs: specs, sequence: sequence, incremental: changedSince != nil, today: today)
    }

    /// Every channel's plan spec, in runner order (`stateIndex` is the runner's index).
    var planSpecs: [ChannelPlanSpec] {
        runners.enumerated().map { index, runner in
            ChannelPlanSpec(channel: runner.channel, rules: runner.rules, pushesStock: runner.adapter.capabilities.pushesStock,
                            pushesPrices: runner.adapter.capabilities.pushesPrices, stateIndex: index)
        }
    }

    /// The plans every channel would push now, storing nothing and sending nothing.
    public func dryRun(reports: [ImportReport]) async throws -> [ChannelPlan] {
        try await dryRunWithRejections(reports: reports).plans
    }

    /// The plans every channel would push now, and the rows of streamed sources (a CommerceML package) an import
    /// would reject; stores and sends nothing.
    public func dryRunWithRejections(reports: [ImportReport]) async throws -> (plans: [ChannelPlan], rejections: [ImportReport.Rejection]) {
        let (products, rejections) = try await preview(reports)
        return (try await plan(full: true, overlay: products).plans, rejections)
    }

    /// The products an import of `reports` would write, writing nothing: the reports' products, then what each
    /// streamed source gives over the stored catalog (held in memory: a dry run of a very large package needs it).
    func preview(_ reports: [ImportReport]) async throws -> ([Product], [ImportReport.Rejection]) {
        let products = reports.flatMap(\.products)
        let streams = reports.compactMap { report in report.stream.map { ($0, report.overlay) } }
        guard !streams.isEmpty else { return (products, []) }
        return try await store.previewImport { sink in
            if !products.isEmpty { try sink.upsert(products) }
            var rejections: [ImportReport.Rejection] = []
            for (stream, overlay) in streams { rejections += try stream.apply(to: sink, overlay: overlay) }
            return rejections
        }
    }

    /// How each number for one SKU is derived on every channel (nil when the SKU is not in the catalog).
    public func explain(_ sku: SKU) async throws -> [ChannelExplanation]? {
        let planned = try await plan(full: true)
        guard let index = planned.input.skus.firstIndex(where: { $0.sku == sku }) else { return nil }
        return Planner().explain(planned.input, skuIndex: index, specs: planned.specs, today: planned.today)
    }

    /// Writes one channel's plan: held prices, outbox drafts (not re-queueing what is parked with the same value),
    /// and the plan mark, in that order, so a crash before the mark only means planning again.
    private func write(_ plan: ChannelPlan, runner: ChannelRunner, plannedCount: Int, plannedSKUs: [SKU]?, mark: PlanMark,
                       into result: inout ChannelResult) async throws {
        result.planned = plannedCount - plan.unlisted
        result.unchanged = plan.unchanged
        result.unlisted = plan.unlisted
        result.held = plan.held.count
        let now = clock.now()
        try await store.replaceHeldChanges(plan.held.map { HeldChange(channel: plan.channel, sku: $0.sku, from: $0.from, to: $0.to, guardKind: $0.guardKind, reason: $0.reason, heldAt: now) },
                                           channel: plan.channel, planned: plannedSKUs)
        var drafts = plan.drafts
        if !drafts.isEmpty {
            // A parked item failed for good with that value: planning it again would retry it every run.
            let parked = Set(try await store.failedOutbox(for: plan.channel).map { ParkedKey(kind: $0.kind, key: $0.key, payload: $0.payload) })
            if !parked.isEmpty {
                drafts.removeAll { parked.contains(ParkedKey(kind: $0.payload.kind, key: $0.key, payload: $0.payload)) }
            }
            _ = try await store.enqueue(drafts, at: now)
        }
        try await store.setPlanMark(mark, for: plan.channel)
    }

    private struct ParkedKey: Hashable {
        var kind: OutboxKind
        var key: String
        var payload: OutboxPayload
    }

    /// Runs `body` for each channel, at most `concurrency` at once; results in channel order.
    func forEachChannel(_ body: @escaping @Sendable (ChannelRunner) async throws -> ChannelResult) async throws -> [ChannelResult] {
        try await withThrowingTaskGroup(of: (Int, ChannelResult).self) { group in
            var results: [(Int, ChannelResult)] = []
            var next = 0
            for _ in 0..<min(concurrency, runners.count) {
                let index = next, runner = runners[index]
                group.addTask { (index, try await body(runner)) }
                next += 1
            }
            while let finished = try await group.next() {
                results.append(finished)
                if next < runners.count {
                    let index = next, runner = runners[index]
                    group.addTask { (index, try await body(runner)) }
                    next += 1
                }
            }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// A channel's pull, cancelled if it outlasts `deadline`. The deadline is a watchdog on real time, not on the
    /// run's clock: scenarios move that clock instantly.
    static func pull(_ runner: ChannelRunner, scope: AcceptanceScope, hints: Set<String> = [], deadline: Duration) async throws -> ChannelResult {
        let (result, timedOut) = try await withDeadline(deadline, channel: runner.channel) { try await runner.pull(scope: scope, hints: hints) }
        var pulled = result
        if timedOut, pulled.stopped == nil || pulled.stopped?.interrupted == true {
            pulled.stopped = ChannelStop(code: .transport, message: "order pull took longer than \(deadline); cancelled, the rest is read next run")
        }
        return pulled
    }

    /// A channel's deep re-scan, cancelled if it outlasts `deadline`: the windows stored so far stay recorded and the
    /// pass goes on next run; the channel is still sent to.
    static func rescan(_ runner: ChannelRunner, scope: AcceptanceScope, deadline: Duration) async throws -> ChannelResult {
        let (result, timedOut) = try await withDeadline(deadline, channel: runner.channel) { try await runner.rescanOrders(scope: scope) }
        var rescanned = result
        if timedOut, rescanned.stopped?.interrupted == true {
            rescanned.stopped = nil
            runner.logger.notice("deep re-scan cut short by the pull deadline; it goes on next run", metadata: [
                LogKey.channel: "\(runner.channel)",
            ])
        }
        return rescanned
    }

    /// `body`'s result, and whether `deadline` (real time) passed first and cancelled it.
    private static func withDeadline(_ deadline: Duration, channel: ChannelID,
                                     _ body: @escaping @Sendable () async throws -> ChannelResult) async throws -> (ChannelResult, Bool) {
        try await withThrowingTaskGroup(of: ChannelResult?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try? await Task.sleep(for: deadline)
                return nil
            }
            var timedOut = false
            while let next = try await group.next() {
                guard let result = next else {
                    timedOut = true
                    group.cancelAll()
                    continue
                }
                group.cancelAll()
                return (result, timedOut)
            }
            return (ChannelResult(channel: channel), timedOut)
        }
    }

    /// Days since 1970-01-01 (UTC) of an instant.
    public static func day(_ date: Date) -> Int32 {
        Int32((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// The expiry day before which a lot may cross some channel's shelf-life limit soon, so an incremental plan
    /// looks at it again: today + the longest day rule + 1; every perishable lot when a share rule exists.
    static func horizon(_ specs: [ChannelPlanSpec], today: Int32) -> Int32? {
        var horizon: Int32?
        for spec in specs {
            switch spec.rules.stock.minShelfLife {
            case let .days(days)?: horizon = max(horizon ?? 0, today + days + 1)
            case .share?: return Int32.max
            case nil: continue
            }
        }
        return horizon
    }
}

extension JSONEncoder {
    /// Stable, readable JSON for summaries and plans.
    public static var summary: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }
}
