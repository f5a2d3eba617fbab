public import Foundation
public import MarketSync
internal import PostgresNIO

extension PostgresStore {
    /// Records `event` unless its channel and id are recorded; true when it is new (of two workers recording the
    /// same id at once, one gets true: the primary key decides). Drops records older than `keepFor` before `date`.
    public func recordEvent(_ event: MarketSync.ChannelEvent, at date: Date, keepFor: Duration) async throws -> Bool {
        try await write("record a channel event") { connection in
            let cutoff = date.addingTimeInterval(-keepFor.timeInterval).unixMilliseconds
            try await connection.run("DELETE FROM channel_events WHERE received_at < \(cutoff)", logger: self.logger)
            let rows = try await connection.rows("""
                INSERT INTO channel_events (channel, event_id, type, order_id, received_at)
                VALUES (\(event.channel.rawValue), \(event.id), \(event.type), \(event.orderID), \(date.unixMilliseconds))
                ON CONFLICT (channel, event_id) DO NOTHING RETURNING 1
                """, logger: self.logger)
            return !rows.isEmpty
        }
    }
}
