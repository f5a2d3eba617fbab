public import Foundation
public import MarketSync
internal import GRDB

extension SQLiteStore {
    /// One transaction: insert the lease, or take it over when it is ours already or expired; otherwise return
    /// the lease that stands. SQLite serialises writers, so two processes cannot both be granted.
    public func acquireLease(_ channel: ChannelID, for holder: LeaseHolder, until expiresAt: Date, now: Date) async throws -> ChannelLease? {
        try await write("acquire the lease of channel \(channel)") { db in
            try db.execute(sql: """
                INSERT INTO channel_leases (channel, holder_id, holder_pid, holder_host, holder_since, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (channel) DO UPDATE SET
                    holder_id = excluded.holder_id, holder_pid = excluded.holder_pid,
                    holder_host = excluded.holder_host, holder_since = excluded.holder_since,
                    expires_at = excluded.expires_at
                WHERE channel_leases.holder_id = excluded.holder_id OR channel_leases.expires_at <= ?
                """, arguments: [channel.rawValue, holder.id, holder.pid, holder.host, holder.since.unixMilliseconds,
                                 expiresAt.unixMilliseconds, now.unixMilliseconds])
            if db.changesCount > 0 { return nil }
            guard let row = try Row.fetchOne(db, sql: """
                SELECT channel, holder_id, holder_pid, holder_host, holder_since, expires_at
                FROM channel_leases WHERE channel = ?
                """, arguments: [channel.rawValue]) else { throw self.corrupt("channel lease") }
            return try Self.lease(row)
        }
    }

    /// Moves the lease's expiry to `expiresAt` while `holder` is still the one in the row, even past its expiry if
    /// nobody took it over; false when another holder took it or it was released.
    /// Takes over a lease from a holder known to be gone: only while that holder still holds it.
    public func takeOverLease(_ channel: ChannelID, from previous: LeaseHolder, for holder: LeaseHolder, until expiresAt: Date) async throws -> Bool {
        try await write("take over the lease of channel \(channel)") { db in
            try db.execute(sql: """
                UPDATE channel_leases SET holder_id = ?, holder_pid = ?, holder_host = ?, holder_since = ?, expires_at = ?
                WHERE channel = ? AND holder_id = ?
                """, arguments: [holder.id, holder.pid, holder.host, holder.since.unixMilliseconds, expiresAt.unixMilliseconds,
                                 channel.rawValue, previous.id])
            return db.changesCount > 0
        }
    }

    public func renewLease(_ channel: ChannelID, for holder: LeaseHolder, until expiresAt: Date) async throws -> Bool {
        try await write("renew the lease of channel \(channel)") { db in
            try db.execute(sql: "UPDATE channel_leases SET expires_at = ? WHERE channel = ? AND holder_id = ?",
                           arguments: [expiresAt.unixMilliseconds, channel.rawValue, holder.id])
            return db.changesCount > 0
        }
    }

    /// Deletes the lease if `holder` holds it; another holder's lease is left alone, without an error.
    public func releaseLease(_ channel: ChannelID, for holder: LeaseHolder) async throws {
        try await write("release the lease of channel \(channel)") { db in
            try db.execute(sql: "DELETE FROM channel_leases WHERE channel = ? AND holder_id = ?",
                           arguments: [channel.rawValue, holder.id])
        }
    }

    /// Every lease row, ordered by channel, expired ones included.
    public func leases() async throws -> [ChannelLease] {
        try await read("read channel leases") { db in
            try Row.fetchAll(db, sql: """
                SELECT channel, holder_id, holder_pid, holder_host, holder_since, expires_at
                FROM channel_leases ORDER BY channel
                """).map(Self.lease)
        }
    }

    private static func lease(_ row: Row) throws -> ChannelLease {
        ChannelLease(channel: ChannelID(try row.string(0)),
                     holder: LeaseHolder(id: try row.string(1), pid: Int32(truncatingIfNeeded: try row.int64(2)),
                                         host: try row.string(3), since: try row.date(4)),
                     expiresAt: try row.date(5))
    }
}
