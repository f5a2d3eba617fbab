public import Foundation
public import MarketSync

/// One channel as `marketsync status` shows it: its last runs, what waits for a person, and its orders by state.
public struct ChannelStatus: Sendable, Codable, Hashable {
    /// The channel.
    public var channel: ChannelID
    /// Its shortest scheduled interval in seconds (the kind that runs most often).
    public var intervalSeconds: Int64
    /// Its last runs, newest first.
    public var lastRuns: [ChannelRunLine]
    /// Held prices, parked items and open incidents.
    public var waiting: WaitingWork
    /// Stored orders by state name (`ready_to_ship`: 3).
    public var ordersByState: [String: Int]

    /// A channel's status.
    public init(channel: ChannelID, intervalSeconds: Int64, lastRuns: [ChannelRunLine], waiting: WaitingWork, ordersByState: [String: Int]) {
        self.channel = channel
        self.intervalSeconds = intervalSeconds
        self.lastRuns = lastRuns
        self.waiting = waiting
        self.ordersByState = ordersByState
    }

    enum CodingKeys: String, CodingKey {
        case channel, waiting
        case intervalSeconds = "interval_seconds", lastRuns = "last_runs", ordersByState = "orders_by_state"
    }
}

/// One run as it concerns one channel.
public struct ChannelRunLine: Sendable, Codable, Hashable {
    /// The run's id.
    public var runID: Int64
    /// `sync`, `worker`, `replay`.
    public var mode: String
    /// When it began.
    public var startedAt: Date
    /// When it finished; nil while running, or when the process died in it.
    public var finishedAt: Date?
    /// The kinds of work it did on the channel (every kind for a `sync`).
    public var work: [WorkKind]
    /// The channel's status in the run (`ok`, `failed`, `credentials_rejected`, `interrupted`, `skipped`, ...), or
    /// `running` when the run has not finished.
    public var status: String
    /// Items the channel acknowledged.
    public var pushed: Int
    /// Items that failed.
    public var failed: Int

    /// A run line.
    public init(runID: Int64, mode: String, startedAt: Date, finishedAt: Date?, work: [WorkKind], status: String, pushed: Int, failed: Int) {
        self.runID = runID
        self.mode = mode
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.work = work
        self.status = status
        self.pushed = pushed
        self.failed = failed
    }

    enum CodingKeys: String, CodingKey {
        case mode, work, status, pushed, failed
        case runID = "run_id", startedAt = "started_at", finishedAt = "finished_at"
    }

    /// Whether the channel's part of the run went through (`ok`).
    public var succeeded: Bool { finishedAt != nil && status == "ok" }
}
