public import Foundation
public import MarketSync

/// What `/api/status` answers: per channel its last runs, last failures, what waits for a person, its queue and
/// orders; and pushes and failures per hour over the last 24 hours.
public struct StatusReport: Sendable, Codable, Hashable {
    /// When the report was made.
    public var generatedAt: Date
    /// Readiness, by the same rules as `/readyz`.
    public var readiness: Readiness
    /// One entry per configured channel, in config order.
    public var channels: [ChannelStatus]
    /// 24 hourly buckets, oldest first, the last one the current hour.
    public var hours: [HourBucket]

    /// A report.
    public init(generatedAt: Date, readiness: Readiness, channels: [ChannelStatus], hours: [HourBucket]) {
        self.generatedAt = generatedAt
        self.readiness = readiness
        self.channels = channels
        self.hours = hours
    }

    enum CodingKeys: String, CodingKey {
        case generatedAt = "generated_at", readiness, channels, hours
    }
}

/// One channel in `/api/status`.
public struct ChannelStatus: Sendable, Codable, Hashable {
    /// The channel's name.
    public var channel: String
    /// Its last run's status (`ok`, `failed`, `credentials_rejected`, ...); nil before the first.
    public var status: String?
    /// When its last run started.
    public var lastRunAt: Date?
    /// When its last run without failure started.
    public var lastSuccessAt: Date?
    /// Items acknowledged over the last 24 hours.
    public var pushed24h: Int
    /// Items failed over the last 24 hours.
    public var failed24h: Int
    /// Its last runs, newest first (at most 10).
    public var runs: [RunEntry]
    /// Its last failures, newest first (at most 20), each with the reason and the SKU.
    public var failures: [FailureEntry]
    /// What waits for a person: held prices, parked items, open incidents.
    public var waiting: WaitingWork
    /// Items in the outbox waiting to be sent.
    public var outboxPending: Int
    /// Batches the channel took for later and has not answered for yet.
    public var submissionsWaiting: Int
    /// Stored orders by state (states with none left out).
    public var orders: [String: Int]

    enum CodingKeys: String, CodingKey {
        case channel, status, runs, failures, waiting, orders
        case lastRunAt = "last_run_at", lastSuccessAt = "last_success_at", pushed24h = "pushed_24h", failed24h = "failed_24h"
        case outboxPending = "outbox_pending", submissionsWaiting = "submissions_waiting"
    }
}

/// One run of one channel.
public struct RunEntry: Sendable, Codable, Hashable {
    /// The store's run id.
    public var runID: Int64
    /// When the run started.
    public var startedAt: Date
    /// When it finished.
    public var finishedAt: Date?
    /// The run's exit code (all channels).
    public var exitCode: Int?
    /// This channel's status in it.
    public var status: String
    /// Items acknowledged.
    public var pushed: Int
    /// Items failed.
    public var failed: Int
    /// Orders stored for the first time.
    public var ordersNew: Int
    /// Why the channel stopped, if it did (`unauthorized: ...`).
    public var stopped: String?

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", startedAt = "started_at", finishedAt = "finished_at", exitCode = "exit_code"
        case status, pushed, failed, stopped, ordersNew = "orders_new"
    }
}

/// One failure of one run.
public struct FailureEntry: Sendable, Codable, Hashable {
    /// The run it happened in.
    public var runID: Int64
    /// When that run started.
    public var at: Date
    /// The SKU (or order id); nil for a whole call.
    public var sku: String?
    /// `stock`, `price`, `shipment`, `orders`, ...
    public var kind: String
    /// The error code (`validation`, `unauthorized`, ...).
    public var code: String
    /// The channel's reason, as recorded (no secrets, no payloads).
    public var message: String

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", at, sku, kind, code, message
    }
}

/// Pushes and failures in one hour, over every channel.
public struct HourBucket: Sendable, Codable, Hashable {
    /// The hour's start (UTC).
    public var hour: Date
    /// Items acknowledged by runs that started in it.
    public var pushed: Int
    /// Items failed in those runs.
    public var failed: Int
}
