public import Foundation
public import MarketSync
internal import PostgresNIO

extension PostgresStore: OrderAnswerStore {
    /// Orders of `channel` in `pendingAcceptance` with no answer queued, oldest first.
    public func ordersAwaitingAnswer(for channel: ChannelID) async throws -> [StoredOrder] {
        try await read("read orders awaiting an answer") { connection in
            try await self.storedOrders(connection, channel: channel, selection: .awaitingAnswer)
        }
    }

    /// Queues answers in one transaction: each order (locked while it is marked) is answered once, its lines'
    /// decisions recorded, a refused line stops reserving and its SKU takes the next change sequence. Shipments,
    /// unknown orders and orders answered already are skipped.
    public func queueOrderAnswers(_ responses: [OrderResponse], channel: ChannelID, at date: Date) async throws -> [OutboxItem] {
        guard !responses.isEmpty else { return [] }
        return try await write("queue order answers") { connection in
            var drafts: [OutboxDraft] = []
            var touched = Set<String>()
            for response in responses {
                if case .shipment = response { continue }
                guard let row = try await connection.rows("""
                    SELECT id, state, answered_at FROM orders WHERE channel = \(channel.rawValue) AND order_id = \(response.orderID) FOR UPDATE
                    """, logger: self.logger).first else { continue }
                let (ref, state, answeredAt) = try row.decode((Int64, String, Int64?).self)
                guard answeredAt == nil else { continue }
                let before = try await self.reservingUnits(connection, orderRef: ref)
                try await connection.run("""
                    UPDATE orders SET answer_kind = \(response.payload.kind.rawValue), answered_at = \(date.unixMilliseconds) WHERE id = \(ref)
                    """, logger: self.logger)
                if case let .acceptance(_, lines) = response {
                    for decision in lines {
                        try await connection.run("""
                            UPDATE order_lines SET decision = \(decision.accepted ? Self.acceptedDecision : Self.refusedDecision)
                            WHERE order_ref = \(ref) AND line_id = \(decision.line)
                            """, logger: self.logger)
                    }
                    try await self.refreshReservations(connection, orderRef: ref, orderState: Self.orderState(state))
                }
                let after = try await self.reservingUnits(connection, orderRef: ref)
                touched.formUnion(Set(before.keys).union(after.keys).filter { before[$0] != after[$0] })
                drafts.append(OutboxDraft(channel: channel, key: response.orderID, listing: nil, payload: response.payload))
            }
            let items = try await self.enqueue(connection, drafts, at: date)
            try await self.stampChanged(connection, skus: touched)
            return items
        }
    }
}

extension PostgresStore: OrderQueryStore {
    /// Every stored order of `channels` (of every channel that holds orders when nil), by channel then id, in one
    /// snapshot.
    public func storedOrders(of channels: [ChannelID]?) async throws -> [StoredOrder] {
        try await read("read orders") { connection in
            let names: [String]
            if let channels {
                names = Set(channels.map(\.rawValue)).sorted()
            } else {
                names = try await connection.rows("SELECT DISTINCT channel FROM orders ORDER BY channel", logger: self.logger)
                    .map { try $0.decode(String.self) }
            }
            var orders: [StoredOrder] = []
            for name in names {
                orders += try await self.storedOrders(connection, channel: ChannelID(name), selection: .all)
            }
            return orders
        }
    }

    /// The outbox entry confirming the shipment of `orderID`, or nil.
    public func queuedShipment(of orderID: String, channel: ChannelID) async throws -> QueuedAnswer? {
        try await read("read a queued shipment") { connection in
            try await connection.rows("""
                SELECT status, attempts, last_error FROM outbox WHERE channel = \(channel.rawValue) AND kind = 'shipment' AND key = \(orderID)
                """, logger: self.logger).first.map { row in
                let (status, attempts, lastError) = try row.decode((String, Int, String?).self)
                return QueuedAnswer(parked: status == "failed", attempts: attempts, lastError: lastError)
            }
        }
    }
}
