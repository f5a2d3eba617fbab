public import MarketSync
internal import GRDB

extension SQLiteStore: OrderQueryStore {
    /// Every stored order of `channels` (of every channel that holds orders when nil), ordered by channel, then
    /// order id, with lines and history, in one read transaction (three queries per channel).
    public func storedOrders(of channels: [ChannelID]?) async throws -> [StoredOrder] {
        try await read("read orders") { db in
            let names = try channels.map { $0.map(\.rawValue).sorted() }
                ?? String.fetchAll(db, sql: "SELECT DISTINCT channel FROM orders ORDER BY channel")
            var orders: [StoredOrder] = []
            for name in Set(names).sorted() {
                orders += try self.storedOrders(db, channel: ChannelID(name), orderID: nil)
            }
            return orders
        }
    }

    /// The outbox entry confirming the shipment of `orderID` on `channel`, or nil when none is there.
    public func queuedShipment(of orderID: String, channel: ChannelID) async throws -> QueuedAnswer? {
        try await read("read a queued shipment") { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT status, attempts, last_error FROM outbox WHERE channel = ? AND kind = 'shipment' AND key = ?
                """, arguments: [channel.rawValue, orderID]) else { return nil }
            return QueuedAnswer(parked: try row.string(0) == "failed", attempts: Int(try row.int64(1)),
                                lastError: try row.optionalString(2))
        }
    }
}
