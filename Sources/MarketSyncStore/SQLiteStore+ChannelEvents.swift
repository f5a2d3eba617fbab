public import Foundation
public import MarketSync
internal import GRDB

extension SQLiteStore {
    /// Records `event` unless its channel and id are recorded; true when it is new. Drops records older than
    /// `keepFor` before `date` in the same transaction.
    public func recordEvent(_ event: ChannelEvent, at date: Date, keepFor: Duration) async throws -> Bool {
        try await write("record a channel event") { db in
            try db.execute(sql: "DELETE FROM channel_events WHERE received_at < ?",
                           arguments: [date.addingTimeInterval(-keepFor.timeInterval).unixMilliseconds])
            try db.execute(sql: """
                INSERT INTO channel_events (channel, event_id, type, order_id, received_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (channel, event_id) DO NOTHING
                """, arguments: [event.channel.rawValue, event.id, event.type, event.orderID, date.unixMilliseconds])
            return db.changesCount == 1
        }
    }
}
