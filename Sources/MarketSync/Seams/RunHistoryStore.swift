public import Foundation

/// Reads the runs recorded so far (`beginRun` / `finishRun`), newest first: what `marketsync status` shows.
///
/// Contract: one read transaction; changes nothing; needs no lease. `SQLiteStore` and `PostgresStore` implement it.
public protocol RunHistoryStore: Sendable {
    /// The newest `limit` runs, newest first.
    func recentRuns(limit: Int) async throws -> [StoredRun]
}

/// One recorded run.
public struct StoredRun: Sendable, Hashable {
    /// The store's id of the run.
    public var id: Int64
    /// `sync`, `worker`, `replay`.
    public var mode: String
    /// When it began.
    public var startedAt: Date
    /// When it finished; nil while it runs, or when the process died in it.
    public var finishedAt: Date?
    /// Its exit code, once finished.
    public var exitCode: Int?
    /// Its summary, once finished (nil when the stored JSON no longer reads).
    public var summary: RunSummary?

    /// A run as the store holds it.
    public init(id: Int64, mode: String, startedAt: Date, finishedAt: Date?, exitCode: Int?, summary: RunSummary?) {
        self.id = id
        self.mode = mode
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.exitCode = exitCode
        self.summary = summary
    }

    /// Whether the run pulled from or sent to `channel` (a run without a work list covered every channel).
    public func covers(_ channel: ChannelID) -> Bool {
        guard let summary else { return true }
        return summary.work.map { $0[channel.rawValue] != nil } ?? true
    }
}
