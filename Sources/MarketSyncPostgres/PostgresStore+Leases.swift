public import Foundation
public import MarketSync
internal import PostgresNIO

extension PostgresStore: ChannelLeaseStore {
    /// One transaction: insert the lease row if the channel has none; otherwise lock the row with `FOR UPDATE SKIP
    /// LOCKED` and take it when it is ours already or expired. A row another worker has locked right now (it is
    /// taking, renewing or releasing the lease) is skipped, not waited for: it stands in the way as last committed.
    /// A row that is gone by the time it is read was released in between (each statement sees what was committed
    /// before it, READ COMMITTED): the lease is free, so the insert is tried again.
    public func acquireLease(_ channel: ChannelID, for holder: LeaseHolder, until expiresAt: Date, now: Date) async throws -> ChannelLease? {
        try await write("acquire the lease of channel \(channel)") { connection in
            // Each further attempt needs another worker to have inserted and released the row in between.
            for _ in 0..<Self.acquireAttempts {
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
                    // Locked by another worker right now, or released since the insert found it.
                    let standing = try await connection.rows("""
                        SELECT channel, holder_id, holder_pid, holder_host, holder_since, expires_at
                        FROM channel_leases WHERE channel = \(channel.rawValue)
                        """, logger: self.logger)
                    if let row = standing.first { return try Self.lease(row) }
                    continue
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
            throw MarketSyncError(.store, "the lease of channel \(channel) in the PostgreSQL store at \(self.location) was taken and released "
                                  + "\(Self.acquireAttempts) times while this worker asked for it; asking again later", channel: channel)
        }
    }

    /// How many times one acquisition inserts again after finding the row released between its statements.
    static let acquireAttempts = 5

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
