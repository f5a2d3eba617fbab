internal import Foundation
public import Logging
internal import CoreMetrics
public import MarketSync
public import ServiceLifecycle
internal import Synchronization

/// `marketsync worker` as a swift-service-lifecycle `Service`: runs each channel's stock, prices and orders on
/// their schedules, runs at once (debounced) when a source changes or orders reserve stock other channels must
/// hear of, runs at once (not debounced) when a channel's event names an order, reloads its configuration on
/// request, and stops gracefully.
///
/// Events: the worker is the `ChannelEventSink` of the channels' event streams (which it keeps open while it
/// runs, restarting them on a reload) and of their webhooks (which the endpoint hands it). Each event is recorded
/// once in the store (a redelivery is a duplicate); the next run reads the order it names by id on its channel and
/// sends stock to every other channel in the same run. Polling stays the backfill.
///
/// Graceful shutdown (SIGTERM or SIGINT through the `ServiceGroup`, or `stop()`) is not cancellation: the engine's
/// `ShutdownSignal` lets the batches in flight finish and commit, no new one starts, the run is recorded (as
/// interrupted) and `run()` returns with `exitStatus` 0. If the run is still going `worker.shutdown_grace` after the
/// request, it is cancelled, recorded as interrupted, and `exitStatus` is 130.
///
/// Time is the injected clock's: schedules, the debounce window, the source poll and the grace period all run on
/// it, so tests drive them with a manual clock.
public final class SyncWorker: Service, ChannelEventSink {
    private let setup: WorkerSetup
    private let clock: any SyncClock
    private let logger: Logger
    private let options: WorkerOptions
    private let initial: SyncRuntime
    /// Shared with every runtime the worker opens: the engine stops starting batches once it is requested.
    public let shutdown: ShutdownSignal
    private let wake = WorkerWake()
    private let stopGate = StopGate()
    private let reloadRequested = Atomic<Bool>(false)
    private let status = Mutex<ExitStatus>(.ok)
    /// The runtime in force (replaced on a reload): events are recorded in its store and checked by its webhooks.
    private let current: Mutex<SyncRuntime>
    private let inbox = EventInbox()
    /// Signalled on a reload: the event streams are reopened with the new runtime.
    private let sourcesReloaded = WorkerWake()
    private let loopEnded = Atomic<Bool>(false)
    /// How long a recorded event id is remembered: channels redeliver for hours, not days.
    static let eventMemory: Duration = .seconds(7 * 86_400)
    private let continuation: AsyncStream<WorkerEvent>.Continuation
    /// What the worker does, as it happens (one consumer).
    public let events: AsyncStream<WorkerEvent>

    /// A worker over `runtime` (opened by the caller with `shutdown`, so config errors surface before the service
    /// starts); `setup` builds the next runtime on a reload.
    public init(runtime: SyncRuntime, shutdown: ShutdownSignal, setup: WorkerSetup, clock: any SyncClock, logger: Logger,
                options: WorkerOptions = WorkerOptions()) {
        initial = runtime
        current = Mutex(runtime)
        self.shutdown = shutdown
        self.setup = setup
        self.clock = clock
        self.logger = logger
        self.options = options
        (events, continuation) = AsyncStream.makeStream(of: WorkerEvent.self, bufferingPolicy: .unbounded)
    }

    /// 0 after a graceful stop (or `--max-runs`), 130 when the run in flight outlasted the shutdown grace.
    public var exitStatus: ExitStatus { status.withLock { $0 } }

    /// Asks the worker to stop (what SIGTERM and SIGINT do through the service group).
    public func stop() {
        shutdown.request()
        stopGate.open()
        wake.signal()
    }

    /// Asks for a reload (what SIGHUP does): the run in flight finishes with the configuration it started with;
    /// the next one uses the new configuration, or the old one when the new one does not load.
    public func reload() {
        reloadRequested.store(true, ordering: .sequentiallyConsistent)
        wake.signal()
    }

    /// How `channel`'s webhook deliveries are checked under the configuration in force; nil when it sends none.
    public func webhook(for channel: ChannelID) -> (any ChannelWebhook)? {
        current.withLock { $0.webhooks[channel] }
    }

    /// Takes one event: records it in the store (a repeat is `.duplicate`), then wakes the loop to read its order
    /// and send stock to the other channels. Refused when the channel is not synced here or the store cannot record
    /// it now (the channel should deliver it again).
    public func receive(_ event: ChannelEvent) async -> ChannelEventReceipt {
        let runtime = current.withLock { $0 }
        let receipt: ChannelEventReceipt
        if !runtime.configuration.channels.contains(where: { $0.id == event.channel }) {
            receipt = .refused("channel \(event.channel) is not synced by this worker")
        } else {
            do {
                let isNew = try await runtime.store.recordEvent(event, at: clock.now(), keepFor: Self.eventMemory)
                receipt = isNew ? .accepted : .duplicate
            } catch {
                receipt = .refused("the store cannot record the event now: \((error as? MarketSyncError)?.message ?? "\(type(of: error))")")
            }
        }
        let outcome: String
        switch receipt {
        case .accepted: outcome = "accepted"
        case .duplicate: outcome = "duplicate"
        case .refused: outcome = "refused"
        }
        Counter(label: "marketsync_channel_events_total", dimensions: [("channel", event.channel.rawValue), ("outcome", outcome)]).increment()
        var metadata: Logger.Metadata = [
            LogKey.channel: "\(event.channel)", "event.id": "\(event.id)", "event.type": "\(event.type)", "event.outcome": "\(outcome)",
        ]
        if let orderID = event.orderID { metadata["order.id"] = "\(orderID)" }
        if case let .refused(reason) = receipt { metadata[LogKey.errorMessage] = "\(reason)" }
        logger.info("channel event", metadata: metadata)
        if receipt == .accepted {
            let trigger = WorkerTrigger.channelEvent(on: event.channel, type: event.type, orderID: event.orderID)
            inbox.add(event.channel, orderID: event.orderID, trigger: trigger)
            continuation.yield(.triggered(trigger))
            wake.signal()
        }
        return receipt
    }

    /// Runs until stopped (or `maxRuns`); never throws for a channel, source or store problem, which it logs and
    /// retries. The channels' event streams run beside the loop and end with it.
    public func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await self.loop()
                    self.loopEnded.store(true, ordering: .sequentiallyConsistent)
                }
                group.addTask { await self.superviseEventSources() }
                group.addTask { await self.subscribeWebhooks() }
                // The loop ends first (a stop, `maxRuns`); the event streams are cancelled then.
                while await group.next() != nil {
                    if loopEnded.load(ordering: .sequentiallyConsistent) { break }
                }
                group.cancelAll()
            }
        } onGracefulShutdown: { [self] in
            logger.notice("shutdown requested; the batches in flight finish")
            stop()
        }
        continuation.yield(.stopped(exitStatus))
        continuation.finish()
    }

    private func loop() async {
        var runtime = initial
        var interval = options.interval ?? runtime.configuration.worker.interval
        var schedule = WorkerSchedule(runtime.configuration, defaultInterval: interval, start: clock.now())
        var debouncer = TriggerDebouncer(window: runtime.configuration.worker.debounce)
        var watcher = SourceWatcher(paths: runtime.configuration.sources.map(\.path))
        var nextPoll = clock.now().addingTimeInterval(options.sourcePoll.timeInterval)
        var storeBackoff = StoreBackoff()
        var retryAt: Date?
        var runs = 0
        while !shutdown.isRequested {
            if reloadRequested.exchange(false, ordering: .sequentiallyConsistent), let next = reloaded(from: runtime) {
                runtime = next
                current.withLock { $0 = next }
                sourcesReloaded.signal()
                interval = options.interval ?? runtime.configuration.worker.interval
                schedule.reconfigure(runtime.configuration, defaultInterval: interval, at: clock.now())
                debouncer.window = runtime.configuration.worker.debounce
                watcher = SourceWatcher(paths: runtime.configuration.sources.map(\.path))
            }
            let now = clock.now()
            if now >= nextPoll {
                for path in watcher.poll() {
                    note(.sourceChanged(path: path), channels: Set(runtime.configuration.channels.map(\.id)), in: &debouncer, at: now)
                }
                nextPoll = now.addingTimeInterval(options.sourcePoll.timeInterval)
            }
            let mayRun = retryAt.map { now >= $0 } ?? true
            let scheduled = mayRun ? schedule.dueWork(at: now) : [:]
            let triggered = mayRun ? debouncer.take(at: now) : nil
            let events = mayRun ? inbox.take() : EventInbox.Batch()
            var work = scheduled
            for channel in triggered?.channels ?? [] { work[channel, default: []].formUnion([.stock, .prices]) }
            // An event: read its orders on its channel, and send the stock they reserve to every other channel.
            for channel in events.orders.keys {
                work[channel, default: []].insert(.orders)
                for other in runtime.configuration.channels.map(\.id) where other != channel { work[other, default: []].insert(.stock) }
            }
            if !work.isEmpty {
                retryAt = nil
                let reasons = (triggered?.reasons ?? []) + events.triggers
                switch await perform(work, triggers: reasons, hints: events.orders, on: runtime) {
                case let .finished(summary):
                    storeBackoff.reset()
                    schedule.ran(scheduled, at: now)
                    await noteReservations(summary, work: work, runtime: runtime, debouncer: &debouncer)
                case .sourceFailed:
                    // A bad catalog this time: the last good values stay in force; the next run tries again.
                    schedule.ran(scheduled, at: now)
                case let .storeFailed(failure):
                    // Every store write is one transaction, so nothing half-done is left: wait, then try again,
                    // longer each time; triggered work waits for the same retry.
                    let delay = storeBackoff.next()
                    retryAt = now.addingTimeInterval(delay.timeInterval)
                    for reason in triggered?.reasons ?? [] {
                        debouncer.note(reason, channels: triggered?.channels ?? [], at: now)
                    }
                    inbox.restore(events)
                    logger.error("store unavailable; retrying", metadata: [
                        LogKey.delayMS: "\(delay.milliseconds)", LogKey.errorCode: "\(failure.code)", LogKey.errorMessage: "\(failure.description)",
                    ])
                case .abandoned:
                    status.withLock { $0 = .interrupted }
                    return
                }
                // What the run freed goes back to the kernel now, not when malloc reuses it (docs/benchmarks.md).
                HeapTrim.releaseFreeMemory()
                runs += 1
                if let maxRuns = options.maxRuns, runs >= maxRuns { return }
                continue
            }
            let wakeAt = [schedule.nextDue, debouncer.deadline, nextPoll, retryAt].compactMap { $0 }.min() ?? nextPoll
            continuation.yield(.idle(until: wakeAt))
            await wake.wait(for: .milliseconds(max(1, Int64((wakeAt.timeIntervalSince(now) * 1000).rounded(.up)))), on: clock)
        }
    }

    private func note(_ trigger: WorkerTrigger, channels: Set<ChannelID>, in debouncer: inout TriggerDebouncer, at now: Date) {
        logger.info("run triggered", metadata: ["worker.trigger": "\(trigger)", LogKey.count: "\(channels.count)"])
        debouncer.note(trigger, channels: channels, at: now)
        continuation.yield(.triggered(trigger))
    }

    /// After a run whose pulls stored new or changed orders (so reservations may have moved and the plan queued new
    /// stock for channels that were not due), notes a trigger for every other channel that now has stock or prices
    /// waiting: the channels that offer the SKUs those orders reserved.
    private func noteReservations(_ summary: RunSummary, work: [ChannelID: Set<WorkKind>], runtime: SyncRuntime,
                                  debouncer: inout TriggerDebouncer) async {
        let pulled = summary.channels.filter { work[$0.channel]?.contains(.orders) == true && ($0.ordersNew + $0.ordersUpdated) > 0 }
        guard !pulled.isEmpty else { return }
        var waiting: Set<ChannelID> = []
        for channel in runtime.configuration.channels.map(\.id) {
            let queued = try? await runtime.store.pendingOutbox(for: channel)
            if queued?.contains(where: { $0.kind == .stock || $0.kind == .price }) == true { waiting.insert(channel) }
        }
        let now = clock.now()
        for result in pulled {
            let others = waiting.subtracting([result.channel])
            if !others.isEmpty { note(.ordersReserved(on: result.channel), channels: others, in: &debouncer, at: now) }
        }
    }

    /// How one run ended.
    enum RunOutcome: Sendable {
        case finished(RunSummary)
        case sourceFailed
        case storeFailed(MarketSyncError)
        /// Still running when the shutdown grace ran out: cancelled and recorded as interrupted.
        case abandoned
    }

    /// Runs `work` under the shutdown grace: once a stop is requested, the run has `worker.shutdown_grace` to end.
    private func perform(_ work: [ChannelID: Set<WorkKind>], triggers: [WorkerTrigger], hints: [ChannelID: Set<String>] = [:],
                         on runtime: SyncRuntime) async -> RunOutcome {
        let handle = RunHandle()
        let grace = runtime.configuration.worker.shutdownGrace
        let outcome: RunOutcome? = await withTaskGroup(of: RunOutcome?.self) { group in
            group.addTask { await self.attempt(work, triggers: triggers, hints: hints, on: runtime, handle: handle) }
            group.addTask {
                await self.stopGate.wait()
                guard self.stopGate.isOpen else { return nil }
                do { try await self.clock.sleep(for: grace) } catch { return nil }
                return .abandoned
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            // The run's own task ends on cancellation (a channel call honours it); its result no longer matters.
            return first
        }
        guard case .abandoned? = outcome else { return outcome ?? .abandoned }
        logger.error("shutdown grace ran out; the run was cancelled", metadata: [
            LogKey.runID: "\(handle.runID.map(String.init) ?? "none")", "worker.grace_ms": "\(grace.milliseconds)",
        ])
        if let runID = handle.runID {
            var summary = RunSummary(runID: runID, dryRun: false, imported: ImportCounts(), rejectedRows: [], channels: [])
            summary.interrupted = true
            let json = (try? String(decoding: JSONEncoder.summary.encode(summary), as: UTF8.self)) ?? "{\"interrupted\":true}"
            do {
                try await runtime.store.finishRun(runID, summaryJSON: json, exitCode: Int(ExitStatus.interrupted.rawValue), at: clock.now())
            } catch {
                logger.error("could not record the run as interrupted", metadata: [LogKey.errorMessage: "\(error)"])
            }
        }
        return .abandoned
    }

    private func attempt(_ work: [ChannelID: Set<WorkKind>], triggers: [WorkerTrigger], hints: [ChannelID: Set<String>],
                         on runtime: SyncRuntime, handle: RunHandle) async -> RunOutcome {
        do {
            let reports = try runtime.readSources()
            // A channel another process is syncing (a sync by hand) is skipped this time and tried on the next.
            let summary = try await runtime.engine.sync(reports: reports, mode: "worker", work: work, whenHeld: .skip,
                                                        orderHints: hints, handle: handle)
            logger.info("run finished", metadata: [
                LogKey.runID: "\(summary.runID.map(String.init) ?? "?")",
                "worker.work": "\(Self.describe(work))",
                "worker.triggers": "\(triggers.map(\.description).joined(separator: ","))",
                "sync.exit_code": "\(summary.exitCode)",
                "sync.pushed": "\(summary.channels.reduce(0) { $0 + $1.pushed })",
                "sync.failed": "\(summary.channels.reduce(0) { $0 + $1.failed })",
            ])
            continuation.yield(.ran(work: work, triggers: triggers, summary: summary))
            return .finished(summary)
        } catch let error as MarketSyncError where error.code == .store {
            continuation.yield(.runFailed(work: work, error: error))
            return .storeFailed(error)
        } catch let error as MarketSyncError {
            logger.error("run not started", metadata: [LogKey.errorCode: "\(error.code)", LogKey.errorMessage: "\(error.description)"])
            continuation.yield(.runFailed(work: work, error: error))
            return .sourceFailed
        } catch {
            let wrapped = MarketSyncError(.cancelled, "run ended: \(error)")
            continuation.yield(.runFailed(work: work, error: wrapped))
            return .sourceFailed
        }
    }

    /// Asks each channel with webhooks to send them (`ChannelWebhook.ensureSubscribed()`), once at start; a
    /// failure is logged and polling goes on.
    private func subscribeWebhooks() async {
        for (channel, webhook) in initial.webhooks.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            do {
                try await webhook.ensureSubscribed()
            } catch {
                logger.error("could not subscribe to the channel's webhooks; polling goes on", metadata: [
                    LogKey.channel: "\(channel)", LogKey.errorMessage: "\((error as? MarketSyncError)?.description ?? "\(error)")",
                ])
            }
        }
    }

    /// Keeps the event streams of the runtime in force open; a reload closes them and opens the new runtime's, with
    /// the credentials read again. A stream that throws (a setting that can never work) is logged and left closed
    /// until the next reload.
    private func superviseEventSources() async {
        while !Task.isCancelled {
            let sources = current.withLock { $0.eventSources }
            await withTaskGroup(of: Bool.self) { group in
                for source in sources {
                    group.addTask {
                        do {
                            try await source.run(into: self)
                        } catch {
                            if !Task.isCancelled {
                                self.logger.error("event stream stopped; polling goes on", metadata: [
                                    LogKey.channel: "\(source.channel)", LogKey.errorMessage: "\(error)",
                                ])
                            }
                        }
                        return false
                    }
                }
                // Ends on a reload, or when the worker stops (cancellation).
                group.addTask {
                    await self.sourcesReloaded.waitForSignal()
                    return true
                }
                while let reloaded = await group.next() {
                    if reloaded { break }
                }
                group.cancelAll()
            }
        }
    }

    /// The new runtime, or nil (logged, the old one stays) when the configuration no longer loads or opens.
    private func reloaded(from runtime: SyncRuntime) -> SyncRuntime? {
        do {
            let configuration = try setup.load()
            let next = try setup.open(configuration, shutdown)
            logger.notice("configuration reloaded", metadata: [LogKey.file: "\(configuration.file)", LogKey.count: "\(configuration.channels.count)"])
            continuation.yield(.reloaded)
            return next
        } catch {
            let failure = error as? MarketSyncError ?? MarketSyncError(.config, "\(error)", file: runtime.configuration.file)
            logger.error("reload failed; the configuration in force stays", metadata: [
                LogKey.errorCode: "\(failure.code)", LogKey.errorMessage: "\(failure.description)",
            ])
            continuation.yield(.reloadFailed(failure))
            return nil
        }
    }

    /// `epinduo:orders+stock walmart:prices`, channels sorted.
    static func describe(_ work: [ChannelID: Set<WorkKind>]) -> String {
        work.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.key):" + $0.value.sorted().map(\.rawValue).joined(separator: "+") }
            .joined(separator: " ")
    }
}
