public import Foundation
public import MarketSync

/// What `marketsync status` shows (and a status page would): per channel, the last runs, what waits, orders by
/// state. Read from the store alone: no lease, no channel call, no secret.
public struct StatusReport: Sendable, Codable, Hashable {
    /// When the report was made.
    public var at: Date
    /// Every configured channel, in config order.
    public var channels: [ChannelStatus]

    /// A report.
    public init(at: Date, channels: [ChannelStatus]) {
        self.at = at
        self.channels = channels
    }

    /// Reads the report for `configuration`'s channels from `store`, with up to `runsPerChannel` runs each (from
    /// the newest `scan` runs).
    public static func read(_ configuration: SyncConfiguration, store: any SyncStore & RunHistoryStore & OrderQueryStore, at now: Date,
                            interval: Duration? = nil, runsPerChannel: Int = 5, scan: Int = 500) async throws -> StatusReport {
        let runs = try await store.recentRuns(limit: scan)
        var channels: [ChannelStatus] = []
        for settings in configuration.channels {
            let fallback = interval ?? configuration.worker.interval
            let shortest = WorkKind.allCases.map { settings.interval(for: $0, fallback: fallback) }.min() ?? fallback
            let lines = runs.filter { $0.covers(settings.id) }.prefix(runsPerChannel).map { run in line(run, channel: settings.id) }
            var byState: [String: Int] = [:]
            for order in try await store.storedOrders(of: [settings.id]) {
                byState[order.order.state.rawValue, default: 0] += 1
            }
            channels.append(ChannelStatus(channel: settings.id, intervalSeconds: shortest.components.seconds, lastRuns: Array(lines),
                                          waiting: try await store.waitingWork(for: settings.id), ordersByState: byState))
        }
        return StatusReport(at: now, channels: channels)
    }

    static func line(_ run: StoredRun, channel: ChannelID) -> ChannelRunLine {
        let result = run.summary?.channels.first { $0.channel == channel }
        let status: String
        if run.finishedAt == nil {
            status = "running"
        } else if let result {
            status = run.summary?.interrupted == true && result.status == "ok" ? "interrupted" : result.status
        } else {
            status = run.summary?.interrupted == true || run.exitCode == Int(ExitStatus.interrupted.rawValue) ? "interrupted" : "unknown"
        }
        let work = run.summary?.work?[channel.rawValue] ?? WorkKind.allCases
        return ChannelRunLine(runID: run.id, mode: run.mode, startedAt: run.startedAt, finishedAt: run.finishedAt, work: work,
                              status: status, pushed: result?.pushed ?? 0, failed: result?.failed ?? 0)
    }
}
