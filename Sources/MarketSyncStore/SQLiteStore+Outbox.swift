public import Foundation
public import MarketSync
internal import GRDB

extension SQLiteStore {
    static let outboxColumns = """
        id, channel, kind, key, listing, quantity, price_minor, price_currency, shipment_carrier, shipment_tracking,
        version, attempts, status, last_error, enqueued_at, response_json
        """

    /// Writes `drafts` in one transaction. Each takes the next value of the global version counter, in order, and
    /// replaces any pending or parked entry with the same (channel, kind, key): payload, listing and version are
    /// replaced, attempts reset to 0, status back to pending, the last error cleared. The entry keeps its id (its
    /// place in the queue). Returns one stored item per draft, in order.
    public func enqueue(_ drafts: [OutboxDraft], at date: Date) async throws -> [OutboxItem] {
        guard !drafts.isEmpty else { return [] }
        return try await write("enqueue outbox entries") { db in
            try self.enqueue(db, drafts, at: date)
        }
    }

    /// `enqueue(_:at:)` inside the caller's transaction (an order's answer is queued with the order's marks).
    func enqueue(_ db: Database, _ drafts: [OutboxDraft], at date: Date) throws -> [OutboxItem] {
        guard !drafts.isEmpty else { return [] }
        let now = date.unixMilliseconds
        guard let last = try Int64.fetchOne(db, sql: """
            UPDATE version_counter SET value = value + ? WHERE id = 1 RETURNING value
            """, arguments: [drafts.count]) else { throw self.corrupt("version counter") }
        var version = last - Int64(drafts.count)
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO outbox (channel, kind, key, listing, quantity, price_minor, price_currency,
                                shipment_carrier, shipment_tracking, version, attempts, status, last_error,
                                enqueued_at, updated_at, response_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'pending', NULL, ?, ?, ?)
            ON CONFLICT (channel, kind, key) DO UPDATE SET
                listing = excluded.listing, quantity = excluded.quantity, price_minor = excluded.price_minor,
                price_currency = excluded.price_currency, shipment_carrier = excluded.shipment_carrier,
                shipment_tracking = excluded.shipment_tracking, response_json = excluded.response_json,
                version = excluded.version, attempts = 0,
                status = 'pending', last_error = NULL, enqueued_at = excluded.enqueued_at,
                updated_at = excluded.updated_at
            RETURNING id
            """)
        var items: [OutboxItem] = []
        items.reserveCapacity(drafts.count)
        for draft in drafts {
            version += 1
            var quantity: Int64?
            var price: Money?
            var shipment: Shipment?
            var response: String?
            switch draft.payload {
            case let .stock(value): quantity = value
            case let .price(value): price = value
            case let .shipment(value):
                shipment = value
                if !value.lines.isEmpty { response = try Self.encodeJSON(value.lines) }
            case let .acceptance(lines): response = try Self.encodeDecisions(lines)
            case .acknowledgement: break
            }
            guard let id = try Int64.fetchOne(upsert, arguments: [
                draft.channel.rawValue, draft.payload.kind.rawValue, draft.key, draft.listing, quantity,
                price?.minorUnits, price?.currency.rawValue, shipment?.carrier, shipment?.trackingNumber,
                version, now, now, response,
            ]) else { throw self.corrupt("outbox entry id") }
            items.append(OutboxItem(id: id, channel: draft.channel, key: draft.key, listing: draft.listing,
                                    payload: draft.payload, version: version, attempts: 0, status: .pending,
                                    lastError: nil, enqueuedAt: date))
        }
        return items
    }

    /// Entries waiting to be sent to `channel` (status pending, not in flight under an open submission at their
    /// current version), oldest id first.
    public func pendingOutbox(for channel: ChannelID) async throws -> [OutboxItem] {
        try await read("read pending outbox") { db in
            try self.outboxItems(db, sql: """
                SELECT \(Self.outboxColumns) FROM outbox o WHERE channel = ? AND status = 'pending'
                    AND NOT EXISTS (SELECT 1 FROM outbox_submissions s WHERE s.outbox_id = o.id AND s.version = o.version)
                ORDER BY id
                """, arguments: [channel.rawValue])
        }
    }

    /// Entries parked after a permanent failure, for `channel` or for every channel when nil; oldest id first.
    public func failedOutbox(for channel: ChannelID?) async throws -> [OutboxItem] {
        try await read("read failed outbox") { db in
            if let channel {
                try self.outboxItems(db, sql: """
                    SELECT \(Self.outboxColumns) FROM outbox WHERE channel = ? AND status = 'failed' ORDER BY id
                    """, arguments: [channel.rawValue])
            } else {
                try self.outboxItems(db, sql: """
                    SELECT \(Self.outboxColumns) FROM outbox WHERE status = 'failed' ORDER BY id
                    """, arguments: [])
            }
        }
    }

    /// Records in one transaction that the channel accepted `items`.
    ///
    /// Stock and price: the acknowledged quantity (price) of (channel, SKU) is written only when none is stored or
    /// the stored version is lower than the item's, so a late acknowledgement of an older entry never overwrites a
    /// newer value. (A SKU no longer in the catalog has nowhere to keep the value; only its outbox row is
    /// handled.) Shipments: the tracking number is recorded on the stored order, if any.
    /// Every kind: the outbox row is deleted only if its version still equals the item's (a newer enqueue
    /// superseded it otherwise, and it must still be sent).
    /// An approval is used once: a price acknowledgement that is applied deletes the channel's approval of the
    /// product when it approved exactly that price.
    public func acknowledge(_ items: [OutboxItem], at date: Date) async throws {
        guard !items.isEmpty else { return }
        try await write("acknowledge outbox entries") { db in
            let now = date.unixMilliseconds
            let deleteRow = try db.cachedStatement(sql: """
                DELETE FROM outbox WHERE channel = ? AND kind = ? AND key = ? AND version = ?
                """)
            let productID = try db.cachedStatement(sql: "SELECT id FROM products WHERE sku = ?")
            let ackQuantity = try db.cachedStatement(sql: """
                INSERT INTO acknowledged_offers (channel, product_id, quantity, quantity_version, acknowledged_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (channel, product_id) DO UPDATE SET
                    quantity = excluded.quantity, quantity_version = excluded.quantity_version,
                    acknowledged_at = excluded.acknowledged_at
                WHERE quantity_version IS NULL OR quantity_version < excluded.quantity_version
                """)
            let ackPrice = try db.cachedStatement(sql: """
                INSERT INTO acknowledged_offers (channel, product_id, price_minor, price_currency, price_version,
                                                 acknowledged_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (channel, product_id) DO UPDATE SET
                    price_minor = excluded.price_minor, price_currency = excluded.price_currency,
                    price_version = excluded.price_version, acknowledged_at = excluded.acknowledged_at
                WHERE price_version IS NULL OR price_version < excluded.price_version
                """)
            let useApproval = try db.cachedStatement(sql: """
                DELETE FROM price_approvals
                WHERE channel = ? AND product_id = ? AND price_minor = ? AND currency = ?
                """)
            let recordShipment = try db.cachedStatement(sql: """
                UPDATE orders SET tracking_number = ? WHERE channel = ? AND order_id = ?
                """)
            // An older version acknowledged after a newer one: the channel may now hold the older value (the two
            // sends raced). What it holds is unknown, so the stored value is forgotten and the product planned again.
            let forgetQuantity = try db.cachedStatement(sql: """
                UPDATE acknowledged_offers SET quantity = NULL
                WHERE channel = ? AND product_id = ? AND quantity_version > ? AND quantity IS NOT ?
                """)
            let forgetPrice = try db.cachedStatement(sql: """
                UPDATE acknowledged_offers SET price_minor = NULL, price_currency = NULL
                WHERE channel = ? AND product_id = ? AND price_version > ? AND price_minor IS NOT ?
                """)
            var replan: [Int64] = []
            for item in items {
                switch item.payload {
                case let .stock(quantity):
                    if let id = try Int64.fetchOne(productID, arguments: [item.key]) {
                        try ackQuantity.execute(arguments: [item.channel.rawValue, id, quantity, item.version, now])
                        if db.changesCount == 0 {
                            try forgetQuantity.execute(arguments: [item.channel.rawValue, id, item.version, quantity])
                            if db.changesCount > 0 { replan.append(id) }
                        }
                    }
                case let .price(price):
                    if let id = try Int64.fetchOne(productID, arguments: [item.key]) {
                        try ackPrice.execute(arguments: [item.channel.rawValue, id, price.minorUnits,
                                                         price.currency.rawValue, item.version, now])
                        // Zero changes: an older version than the one acknowledged; the approval stays.
                        if db.changesCount > 0 {
                            try useApproval.execute(arguments: [item.channel.rawValue, id, price.minorUnits,
                                                                price.currency.rawValue])
                        } else {
                            try forgetPrice.execute(arguments: [item.channel.rawValue, id, item.version, price.minorUnits])
                            if db.changesCount > 0 { replan.append(id) }
                        }
                    }
                case .shipment, .acceptance, .acknowledgement:
                    break
                }
                try deleteRow.execute(arguments: [item.channel.rawValue, item.kind.rawValue, item.key, item.version])
                // Only the entry that was still current may write the tracking number: a late acknowledgement of
                // a superseded shipment must not replace the newer one's.
                if case let .shipment(shipment) = item.payload, db.changesCount > 0 {
                    try recordShipment.execute(arguments: [shipment.trackingNumber, item.channel.rawValue, item.key])
                }
            }
            if !replan.isEmpty {
                let sequence = try Self.nextChangeSequence(db)
                let stamp = try db.cachedStatement(sql: "UPDATE products SET change_seq = ? WHERE id = ?")
                for id in replan { try stamp.execute(arguments: [sequence, id]) }
            }
        }
    }

    /// Records a failed attempt of `item`: attempts + 1 and the reason; a permanent failure parks it (status
    /// failed). Nothing happens if a newer version superseded the entry.
    public func recordFailure(_ item: OutboxItem, reason: String, permanent: Bool, at date: Date) async throws {
        try await write("record an outbox failure") { db in
            try db.execute(sql: """
                UPDATE outbox SET attempts = attempts + 1, last_error = ?,
                                  status = CASE WHEN ? THEN 'failed' ELSE status END, updated_at = ?
                WHERE channel = ? AND kind = ? AND key = ? AND version = ?
                """, arguments: [reason, permanent, date.unixMilliseconds, item.channel.rawValue, item.kind.rawValue,
                                 item.key, item.version])
        }
    }

    /// Puts parked entries of `channel` (every channel when nil) back in the queue with attempts 0; returns how
    /// many. The last error stays for the record until the entry is sent or superseded.
    public func requeueFailed(for channel: ChannelID?) async throws -> Int {
        try await write("requeue failed outbox entries") { db in
            if let channel {
                try db.execute(sql: """
                    UPDATE outbox SET status = 'pending', attempts = 0 WHERE status = 'failed' AND channel = ?
                    """, arguments: [channel.rawValue])
            } else {
                try db.execute(sql: "UPDATE outbox SET status = 'pending', attempts = 0 WHERE status = 'failed'")
            }
            return db.changesCount
        }
    }

    // MARK: - Decoding

    func outboxItems(_ db: Database, sql: String, arguments: StatementArguments) throws -> [OutboxItem] {
        var items: [OutboxItem] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try rows.next() {
            items.append(try outboxItem(row))
        }
        return items
    }

    /// An item from a row of `outboxColumns`.
    func outboxItem(_ row: Row) throws -> OutboxItem {
        let key = try row.string(3)
        guard let kind = OutboxKind(rawValue: try row.string(2)) else { throw corrupt("outbox kind") }
        let payload: OutboxPayload
        switch kind {
        case .stock:
            guard let quantity = try row.optionalInt64(5) else { throw corrupt("outbox stock quantity") }
            payload = .stock(quantity: quantity)
        case .price:
            guard let price = try row.optionalMoney(6) else { throw corrupt("outbox price") }
            payload = .price(price)
        case .shipment:
            guard let carrier = try row.optionalString(8), let tracking = try row.optionalString(9) else {
                throw corrupt("outbox shipment")
            }
            var lines: [ShipmentLine] = []
            if let json = try row.optionalString(15) {
                guard let decoded = try? JSONDecoder().decode([ShipmentLine].self, from: Data(json.utf8)) else {
                    throw corrupt("outbox shipment lines")
                }
                lines = decoded
            }
            payload = .shipment(Shipment(orderID: key, carrier: carrier, trackingNumber: tracking, lines: lines))
        case .acceptance:
            guard let json = try row.optionalString(15), let lines = try? JSONDecoder().decode([OrderLineDecision].self, from: Data(json.utf8)) else {
                throw corrupt("outbox acceptance")
            }
            payload = .acceptance(lines)
        case .acknowledgement:
            payload = .acknowledgement
        }
        guard let status = OutboxStatus(rawValue: try row.string(12)) else { throw corrupt("outbox status") }
        return OutboxItem(id: try row.int64(0), channel: ChannelID(try row.string(1)), key: key,
                          listing: try row.optionalString(4), payload: payload, version: try row.int64(10),
                          attempts: Int(try row.int64(11)), status: status, lastError: try row.optionalString(13),
                          enqueuedAt: try row.date(14))
    }

    /// An acceptance's line decisions as the JSON kept in `response_json`.
    static func encodeDecisions(_ lines: [OrderLineDecision]) throws -> String {
        try encodeJSON(lines)
    }

    /// `value` as sorted-key JSON text, as `response_json` keeps answers' details.
    static func encodeJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
