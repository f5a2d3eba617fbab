public import Foundation

/// What the worker's status endpoint reads beside `SyncStore`: the recorded runs, orders counted by state, and
/// whether the store can be read at all.
///
/// Contract: every method reads only and changes nothing; `probe()` must reach the storage itself (a new
/// connection, not one kept open), so a file that was removed, replaced or made unreadable is found.
/// `SQLiteStore` and `PostgresStore` implement it.
public protocol StatusStore: Sendable {
    /// Runs started at or after `since`, newest first, at most `limit`.
    func recentRuns(since: Date, limit: Int) async throws -> [RecordedRun]
    /// How many stored orders each channel holds in each state (states with none are left out).
    func orderStateCounts() async throws -> [OrderStateCount]
    /// Reads the storage through a fresh connection; throws `MarketSyncError` `.store` when it cannot.
    func probe() async throws
}

/// One run as the store recorded it (`beginRun`, `finishRun`).
public struct RecordedRun: Sendable, Hashable {
    /// The run's id.
    public var id: Int64
    /// `sync`, `worker`, `replay`.
    public var mode: String
    /// When it started.
    public var startedAt: Date
    /// When it finished; nil while it runs (or when the process died during it).
    public var finishedAt: Date?
    /// Its exit code (`ExitStatus`); nil while it runs.
    public var exitCode: Int?
    /// Its summary as recorded (JSON of `RunSummary`); nil while it runs.
    public var summaryJSON: String?

    /// A run as the store reads it.
    public init(id: Int64, mode: String, startedAt: Date, finishedAt: Date?, exitCode: Int?, summaryJSON: String?) {
        self.id = id
        self.mode = mode
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.exitCode = exitCode
        self.summaryJSON = summaryJSON
    }
}

/// How many orders of one channel are in one state.
public struct OrderStateCount: Sendable, Hashable {
    /// The channel.
    public var channel: ChannelID
    /// The state as stored (an `OrderState` raw value).
    public var state: String
    /// How many orders.
    public var count: Int

    /// A count as the store reads it.
    public init(channel: ChannelID, state: String, count: Int) {
        self.channel = channel
        self.state = state
        self.count = count
    }
}
