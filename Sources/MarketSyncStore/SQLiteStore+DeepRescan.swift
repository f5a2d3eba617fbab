internal import Foundation
public import MarketSync
internal import GRDB

extension SQLiteStore {
    /// Where `channel`'s deep re-scan stands, or nil before the first.
    public func deepRescan(for channel: ChannelID) async throws -> DeepRescanState? {
        try await read("read the deep re-scan") { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT last_completed_at, started_at, range_start, range_end, position FROM order_rescans WHERE channel = ?
                """, arguments: [channel.rawValue]) else { return nil }
            var pass: DeepRescanPass?
            if let started = try row.optionalDate(1), let from = try row.optionalDate(2), let until = try row.optionalDate(3),
               let position = try row.optionalDate(4) {
                pass = DeepRescanPass(startedAt: started, from: from, until: until, position: position)
            }
            return DeepRescanState(lastCompletedAt: try row.optionalDate(0), pass: pass)
        }
    }

    /// Records where `channel`'s deep re-scan stands (replacing what was recorded).
    public func saveDeepRescan(_ state: DeepRescanState, for channel: ChannelID) async throws {
        try await write("record the deep re-scan") { db in
            try db.execute(sql: """
                INSERT INTO order_rescans (channel, last_completed_at, started_at, range_start, range_end, position)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (channel) DO UPDATE SET
                    last_completed_at = excluded.last_completed_at, started_at = excluded.started_at,
                    range_start = excluded.range_start, range_end = excluded.range_end, position = excluded.position
                """, arguments: [channel.rawValue, state.lastCompletedAt?.unixMilliseconds,
                                 state.pass?.startedAt.unixMilliseconds, state.pass?.from.unixMilliseconds,
                                 state.pass?.until.unixMilliseconds, state.pass?.position.unixMilliseconds])
        }
    }
}
