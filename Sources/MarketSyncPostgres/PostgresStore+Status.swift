public import Foundation
public import MarketSync
internal import PostgresNIO

extension PostgresStore: StatusStore {
    /// Runs started at or after `since`, newest first, at most `limit`.
    public func recentRuns(since: Date, limit: Int) async throws -> [RecordedRun] {
        try await read("read recent runs") { connection in
            try await connection.rows("""
                SELECT id, mode, started_at, finished_at, exit_code, summary_json FROM runs
                WHERE started_at >= \(since.unixMilliseconds) ORDER BY started_at DESC, id DESC LIMIT \(max(0, limit))
                """, logger: self.logger).map { row in
                let (id, mode, started, finished, exitCode, summary) = try row.decode((Int64, String, Int64, Int64?, Int?, String?).self)
                return RecordedRun(id: id, mode: mode, startedAt: Date(unixMilliseconds: started),
                                   finishedAt: finished.map(Date.init(unixMilliseconds:)), exitCode: exitCode, summaryJSON: summary)
            }
        }
    }

    /// How many stored orders each channel holds in each state, ordered by channel and state.
    public func orderStateCounts() async throws -> [OrderStateCount] {
        try await read("count orders by state") { connection in
            // COLLATE "C": byte order, as SQLite sorts, whatever the database's collation.
            try await connection.rows("""
                SELECT channel, state, COUNT(*) FROM orders GROUP BY channel, state ORDER BY channel COLLATE "C", state COLLATE "C"
                """, logger: self.logger).map { row in
                let (channel, state, count) = try row.decode((String, String, Int64).self)
                return OrderStateCount(channel: ChannelID(channel), state: state, count: Int(count))
            }
        }
    }

    /// Opens a new connection (not one of the pool's, which may have been open since before the server went away),
    /// runs `SELECT 1` on it and closes it; throws `.store` naming the location when the server cannot be reached,
    /// refuses the login or does not answer.
    public func probe() async throws {
        do {
            try await probeConfiguration.check(id: 1, logger: logger)
        } catch {
            throw MarketSyncError(.store, "cannot reach the PostgreSQL store at \(location): \(Self.reason(error))", key: "store")
        }
    }
}
