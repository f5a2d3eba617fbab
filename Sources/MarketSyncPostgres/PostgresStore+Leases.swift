public import Foundation
public import MarketSync
internal import PostgresNIO

extension PostgresStore: ChannelLeaseStore {
    /// One transaction, holding the channel's lease lock (see `lockLease`) so no release commits between its
    /// statements: insert the lease row if the channel has none; otherwise lock the row with `FOR UPDATE SKIP LOCKED`
    /// and take it when it is ours already or expired. A row another worker has locked right now (a heartbeat or a
    /// takeover in flight) is skipped, not waited for: it stands in the way as last committed.
    public func acquireLease(_ channel: ChannelID, for holder: LeaseHolder, until expiresAt: Date, now: Date) async throws -> ChannelLease? {
        try await write("acquire the lease of channel \(channel)") { connection in
            try await self.lockLease(channel, on: connection)
            let inserted = try await connection.run("""
                INSERT INTO channel_leases (channel, holder_id, holder_pid, holder_host, holder_since, expires_at)
                VALUES (\(channel.rawValue), \(holder.id), \(Int(holder.pid)), \(holder.host), \(holder.since.unixMilliseconds),
                        \(expiresAt.unixMilliseconds))
                ON CONFLICT (channel) DO NOTHING RETURNING 1
                """, logger: self.logger)
            if inserted > 0 { return nil }
            let locked = try await connection.rows("""
                SELECT channel, holder_id, holder_pid, holder_host, holder_since, expires_at
                FROM channel_leases WHERE channel = \(channel.rawValue) FOR UPDATE SKIP LOCKED
                """, logger: self.logger)
            guard let row = locked.first else {
                let standing = try await connection.rows("""
                    SELECT channel, holder_id, holder_pid, holder_host, holder_since, expires_at
                    FROM channel_leases WHERE channel = \(channel.rawValue)
                    """, logger: self.logger)
                guard let row = standing.first else {
                    // Only a hand-made DELETE, which skips the lease lock, gets here.
                    throw MarketSyncError(.store, "the lease row of channel \(channel) in the PostgreSQL store at \(self.location) "
                                          + "vanished while this worker asked for it; asking again later", channel: channel)
                }
                return try Self.lease(row)
            }
            let lease = try Self.lease(row)
            guard lease.holder.id == holder.id || lease.expiresAt <= now else { return lease }
            try await connection.run("""
                UPDATE channel_leases SET holder_id = \(holder.id), holder_pid = \(Int(holder.pid)), holder_host = \(holder.host),
                    holder_since = \(holder.since.unixMilliseconds), expires_at = \(expiresAt.unixMilliseconds)
                WHERE channel = \(channel.rawValue)
                """, logger: self.logger)
            return nil
        }
    }

    /// Takes the channel's lease lock until the transaction ends: a PostgreSQL advisory lock keyed by the store's
    /// schema and the channel, taken by acquisition and release only. Without it, under READ COMMITTED, a release
    /// committing between an acquisition's insert (which found the row) and its read (which no longer does) leaves
    /// the acquisition nothing to answer with, and workers that take and release in a loop can repeat that any
    /// number of times. Both transactions are a few statements long, so the wait is short.
    private func lockLease(_ channel: ChannelID, on connection: PostgresConnection) async throws {
        let key = "marketsync.channel_leases/\(location.schema)/\(channel.rawValue)"
        _ = try await connection.rows("SELECT pg_advisory_xact_lock(hashtextextended(\(key), 0))", logger: logger)
    }

    /// Takes over the lease from `previous` (known to be gone) only while `previous` still holds it.
    public func takeOverLease(_ channel: ChannelID, from previous: LeaseHolder, for holder: LeaseHolder, until expiresAt: Date) async throws -> Bool {
        try await write("take over the lease of channel \(channel)") { connection in
            try await connection.run("""
                UPDATE channel_leases SET holder_id = \(holder.id), holder_pid = \(Int(holder.pid)), holder_host = \(holder.host),
                    holder_since = \(holder.since.unixMilliseconds), expires_at = \(expiresAt.unixMilliseconds)
                WHERE channel = \(channel.rawValue) AND holder_id = \(previous.id) RETURNING 1
                """, logger: self.logger) > 0
        }
    }

    /// The heartbeat: moves the expiry while `holder` is still the one in the row (even past its expiry if nobody
    /// took it over); false when another holder took it or it was released.
    public func renewLease(_ channel: ChannelID, for holder: LeaseHolder, until expiresAt: Date) async throws -> Bool {
        try await write("renew the lease of channel \(channel)") { connection in
            try await connection.run("""
                UPDATE channel_leases SET expires_at = \(expiresAt.unixMilliseconds)
                WHERE channel = \(channel.rawValue) AND holder_id = \(holder.id) RETURNING 1
                """, logger: self.logger) > 0
        }
    }

    /// Deletes the lease if `holder` holds it; another holder's lease is left alone, without an error.
    public func releaseLease(_ channel: ChannelID, for holder: LeaseHolder) async throws {
        try await write("release the lease of channel \(channel)") { connection in
            try await self.lockLease(channel, on: connection)
            try await connection.run("DELETE FROM channel_leases WHERE channel = \(channel.rawValue) AND holder_id = \(holder.id)",
                                     logger: self.logger)
        }
    }

    /// Every lease row, ordered by channel, expired ones included.
    public func leases() async throws -> [ChannelLease] {
        try await read("read channel leases") { connection in
            try await connection.rows("""
                SELECT channel, holder_id, holder_pid, holder_host, holder_since, expires_at FROM channel_leases ORDER BY channel
                """, logger: self.logger).map(Self.lease)
        }
    }

    private static func lease(_ row: PostgresRow) throws -> ChannelLease {
        let (channel, id, pid, host, since, expires) = try row.decode((String, String, Int, String, Int64, Int64).self)
        return ChannelLease(channel: ChannelID(channel),
                            holder: LeaseHolder(id: id, pid: Int32(truncatingIfNeeded: pid), host: host, since: Date(unixMilliseconds: since)),
                            expiresAt: Date(unixMilliseconds: expires))
    }
}
