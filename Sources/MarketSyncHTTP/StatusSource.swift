public import Foundation
public import MarketSync

/// The endpoint's one reader of the store: runs, queues, waiting work and orders, through `SyncStore` and
/// `StatusStore`. Every route asks it; nothing else in the endpoint touches the store.
public struct StatusSource: Sendable {
    /// The engine's store (outbox, submissions, waiting work).
    public let store: any SyncStore
    /// The same store's status reads (runs, order counts, a fresh-connection probe).
    public let status: any StatusStore
    /// The configured channels, in config order.
    public let channels: [ChannelID]
    /// The clock the worker runs on.
    public let clock: any SyncClock
    /// How far back a channel's last run is looked for.
    public var lookback: TimeInterval = 7 * 86_400
    /// The most runs read at once (a worker ticking every 30 s makes 2,880 a day).
    public var runLimit = 5000

    /// A source over `store` (which must also be `status`) for these channels.
    public init(store: any SyncStore, status: any StatusStore, channels: [ChannelID], clock: any SyncClock) {
        self.store = store
        self.status = status
        self.channels = channels
        self.clock = clock
    }

    /// A channel's part of one recorded run.
    struct ChannelRun {
        var run: RecordedRun
        var result: ChannelResult
    }

    /// Each channel's runs it took part in, newest first, from the recorded runs since the lookback.
    func channelRuns() async throws -> [ChannelID: [ChannelRun]] {
        let runs = try await status.recentRuns(since: clock.now().addingTimeInterval(-lookback), limit: runLimit)
        var byChannel: [ChannelID: [ChannelRun]] = [:]
        let decoder = JSONDecoder()
        for run in runs {
            // A run still going (or cut off by a crash) has no summary yet; one that cannot be read is passed over.
            guard let json = run.summaryJSON, let summary = try? decoder.decode(RunSummary.self, from: Data(json.utf8)) else { continue }
            for result in summary.channels where result.tookPart {
                byChannel[result.channel, default: []].append(ChannelRun(run: run, result: result))
            }
        }
        return byChannel
    }

    /// Readiness: the store probed through a fresh connection, then each channel's last run judged.
    public func readiness() async -> Readiness {
        do {
            try await status.probe()
            return Readiness.judge(lastStatus: lastStatuses(try await channelRuns()))
        } catch let error as MarketSyncError {
            return .storeUnreachable(error.message)
        } catch {
            return .storeUnreachable("\(type(of: error))")
        }
    }

    private func lastStatuses(_ runs: [ChannelID: [ChannelRun]]) -> [(channel: ChannelID, status: String?)] {
        channels.map { ($0, runs[$0]?.first?.result.status) }
    }

    /// The whole status report (`/api/status`).
    public func report() async throws -> StatusReport {
        let now = clock.now()
        try await status.probe()
        let runs = try await channelRuns()
        let orderCounts = try await status.orderStateCounts()
        var series = HourlySeries(endingAt: now)
        var entries: [ChannelStatus] = []
        for channel in channels {
            let own = runs[channel] ?? []
            let recent = own.filter { $0.run.startedAt >= series.start }
            for entry in recent { series.add(at: entry.run.startedAt, pushed: entry.result.pushed, failed: entry.result.failed) }
            let failures = own.lazy.flatMap { entry in
                entry.result.errors.map {
                    FailureEntry(runID: entry.run.id, at: entry.run.startedAt, sku: $0.sku, kind: $0.kind, code: $0.code, message: $0.message)
                }
            }
            entries.append(ChannelStatus(
                channel: channel.rawValue, status: own.first?.result.status, lastRunAt: own.first?.run.startedAt,
                lastSuccessAt: own.first { $0.result.status == "ok" }?.run.startedAt,
                pushed24h: recent.reduce(0) { $0 + $1.result.pushed }, failed24h: recent.reduce(0) { $0 + $1.result.failed },
                runs: own.prefix(10).map {
                    RunEntry(runID: $0.run.id, startedAt: $0.run.startedAt, finishedAt: $0.run.finishedAt, exitCode: $0.run.exitCode,
                             status: $0.result.status, pushed: $0.result.pushed, failed: $0.result.failed,
                             ordersNew: $0.result.ordersNew, stopped: $0.result.stopped?.description)
                },
                failures: Array(failures.prefix(20)),
                waiting: try await store.waitingWork(for: channel),
                outboxPending: try await store.pendingOutbox(for: channel).count,
                submissionsWaiting: Set(try await store.submissions(for: channel).map(\.receipt)).count,
                orders: Dictionary(orderCounts.filter { $0.channel == channel }.map { ($0.state, $0.count) }, uniquingKeysWith: +)))
        }
        let readiness = Readiness.judge(lastStatus: lastStatuses(runs))
        return StatusReport(generatedAt: now, readiness: readiness, channels: entries, hours: series.buckets)
    }

    /// What the store-derived gauges show now; throws when the store cannot be read (probed as for readiness).
    public func gaugeValues() async throws -> StoreGaugeValues {
        try await status.probe()
        var values = StoreGaugeValues(orders: try await status.orderStateCounts())
        for channel in channels {
            values.outboxPending[channel] = try await store.pendingOutbox(for: channel).count
            values.submissionsWaiting[channel] = Set(try await store.submissions(for: channel).map(\.receipt)).count
            values.waiting[channel] = try await store.waitingWork(for: channel)
        }
        return values
    }
}
