public import Foundation
public import MarketSync
internal import PostgresNIO

extension PostgresStore: RunStore, DeepRescanStore {
    /// Starts recording a run of `mode`; returns its id.
    public func beginRun(mode: String, at date: Date) async throws -> Int64 {
        try await write("begin a run") { connection in
            guard let id = try await connection.rows("""
                INSERT INTO runs (mode, started_at) VALUES (\(mode), \(date.unixMilliseconds)) RETURNING id
                """, logger: self.logger).first?.decode(Int64.self) else { throw self.corrupt("run id") }
            return id
        }
    }

    /// Ends run `id`; throws `.store` when no run has that id.
    public func finishRun(_ id: Int64, summaryJSON: String, exitCode: Int, at date: Date) async throws {
        try await write("finish a run") { connection in
            let changed = try await connection.run("""
                UPDATE runs SET finished_at = \(date.unixMilliseconds), exit_code = \(exitCode), summary_json = \(summaryJSON)
                WHERE id = \(id) RETURNING 1
                """, logger: self.logger)
            guard changed == 1 else {
                throw MarketSyncError(.store, "cannot finish run \(id) in the PostgreSQL store at \(self.location): no such run")
            }
        }
    }

    /// Where `channel`'s deep re-scan stands, or nil before the first.
    public func deepRescan(for channel: ChannelID) async throws -> DeepRescanState? {
        try await read("read the deep re-scan") { connection in
            guard let row = try await connection.rows("""
                SELECT last_completed_at, started_at, range_start, range_end, position FROM order_rescans WHERE channel = \(channel.rawValue)
                """, logger: self.logger).first else { return nil }
            let (completed, started, from, until, position) = try row.decode((Int64?, Int64?, Int64?, Int64?, Int64?).self)
            var pass: DeepRescanPass?
            if let started, let from, let until, let position {
                pass = DeepRescanPass(startedAt: Date(unixMilliseconds: started), from: Date(unixMilliseconds: from),
                                      until: Date(unixMilliseconds: until), position: Date(unixMilliseconds: position))
            }
            return DeepRescanState(lastCompletedAt: completed.map(Date.init(unixMilliseconds:)), pass: pass)
        }
    }

    /// Records where `channel`'s deep re-scan stands (replacing what was recorded).
    public func saveDeepRescan(_ state: DeepRescanState, for channel: ChannelID) async throws {
        try await write("record the deep re-scan") { connection in
            try await connection.run("""
                INSERT INTO order_rescans (channel, last_completed_at, started_at, range_start, range_end, position)
                VALUES (\(channel.rawValue), \(state.lastCompletedAt?.unixMilliseconds), \(state.pass?.startedAt.unixMilliseconds),
                        \(state.pass?.from.unixMilliseconds), \(state.pass?.until.unixMilliseconds), \(state.pass?.position.unixMilliseconds))
                ON CONFLICT (channel) DO UPDATE SET
                    last_completed_at = excluded.last_completed_at, started_at = excluded.started_at,
                    range_start = excluded.range_start, range_end = excluded.range_end, position = excluded.position
                """, logger: self.logger)
        }
    }
}
