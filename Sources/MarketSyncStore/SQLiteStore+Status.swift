public import Foundation
public import MarketSync
internal import GRDB

extension SQLiteStore: StatusStore {
    /// Runs started at or after `since`, newest first, at most `limit`.
    public func recentRuns(since: Date, limit: Int) async throws -> [RecordedRun] {
        try await read("read recent runs") { db in
            try Row.fetchAll(db, sql: """
                SELECT id, mode, started_at, finished_at, exit_code, summary_json FROM runs
                WHERE started_at >= ? ORDER BY started_at DESC, id DESC LIMIT ?
                """, arguments: [since.unixMilliseconds, max(0, limit)]).map { row in
                RecordedRun(id: try row.int64(0), mode: try row.string(1), startedAt: Date(unixMilliseconds: try row.int64(2)),
                            finishedAt: try row.optionalInt64(3).map { Date(unixMilliseconds: $0) },
                            exitCode: try row.optionalInt64(4).map { Int($0) }, summaryJSON: try row.optionalString(5))
            }
        }
    }

    /// How many stored orders each channel holds in each state, ordered by channel and state.
    public func orderStateCounts() async throws -> [OrderStateCount] {
        try await read("count orders by state") { db in
            try Row.fetchAll(db, sql: "SELECT channel, state, COUNT(*) FROM orders GROUP BY channel, state ORDER BY channel, state")
                .map { row in
                    OrderStateCount(channel: ChannelID(try row.string(0)), state: try row.string(1), count: Int(try row.int64(2)))
                }
        }
    }

    /// Opens the file anew, read-only, and reads the runs table: the pool's open connections would keep reading a
    /// file that was removed or replaced, so they cannot tell whether the store is still there.
    public func probe() async throws {
        let path = self.path
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw MarketSyncError(.store, "cannot read the store at \(path): the file is missing or unreadable", file: path)
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "marketsync.store.probe"
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            _ = try await queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") }
            try queue.close()
        } catch {
            throw Self.storeError("read the store", at: path, error)
        }
    }
}
