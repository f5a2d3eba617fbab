public import Foundation
public import MarketSync
internal import GRDB

extension SQLiteStore {
    /// Orders of `channel` in `pendingAcceptance` with no answer queued or sent yet, oldest first (by when they
    /// were placed, else by their last update, then by id), each with its lines and history.
    public func ordersAwaitingAnswer(for channel: ChannelID) async throws -> [StoredOrder] {
        try await read("read orders awaiting an answer") { db in
            try self.storedOrders(db, channel: channel, selection: .awaitingAnswer)
        }
    }

    /// Queues the engine's answers in one transaction: each acceptance or acknowledgement goes to the outbox keyed
    /// by its order (`enqueue`), the order is marked answered with the answer's kind and `date`, an acceptance's
    /// decisions are written on the lines with those channel ids, and each line's `reserves` is rewritten (a
    /// refused line stops reserving). SKUs whose reserved units changed are stamped with the next change
    /// sequence. An answer for an order the store does not hold, one already answered, or a shipment (queued
    /// by `marketsync ship`, not here) is skipped. Returns the outbox items written.
    public func queueOrderAnswers(_ responses: [OrderResponse], channel: ChannelID, at date: Date) async throws -> [OutboxItem] {
        guard !responses.isEmpty else { return [] }
        return try await write("queue order answers") { db in
            let find = try db.cachedStatement(sql: """
                SELECT id, state, answered_at FROM orders WHERE channel = ? AND order_id = ?
                """)
            let mark = try db.cachedStatement(sql: "UPDATE orders SET answer_kind = ?, answered_at = ? WHERE id = ?")
            let decide = try db.cachedStatement(sql: """
                UPDATE order_lines SET decision = ? WHERE order_ref = ? AND line_id = ?
                """)
            var drafts: [OutboxDraft] = []
            var touched = Set<String>()
            for response in responses {
                switch response {
                case .acceptance, .acknowledgement: break
                case .shipment: continue
                }
                guard let row = try Row.fetchOne(find, arguments: [channel.rawValue, response.orderID]),
                      try row.optionalInt64(2) == nil else { continue }
                let ref = try row.int64(0)
                let before = try Self.reservingUnits(db, orderRef: ref)
                try mark.execute(arguments: [response.payload.kind.rawValue, date.unixMilliseconds, ref])
                if case let .acceptance(_, lines) = response {
                    for decision in lines {
                        try decide.execute(arguments: [decision.accepted ? Self.acceptedDecision : Self.refusedDecision,
                                                       ref, decision.line])
                    }
                    try Self.refreshReservations(db, orderRef: ref, orderState: Self.orderState(try row.string(1)))
                }
                touched.formUnion(Self.changedSKUs(before, try Self.reservingUnits(db, orderRef: ref)))
                drafts.append(OutboxDraft(channel: channel, key: response.orderID, listing: nil, payload: response.payload))
            }
            let items = try self.enqueue(db, drafts, at: date)
            try Self.stampChanged(db, skus: touched)
            return items
        }
    }
}
