public import Foundation
public import MarketSync
internal import PostgresNIO

extension PostgresStore: OutboxStore {
    static let outboxColumns = """
        id, channel, kind, key, listing, quantity, price_minor, price_currency, shipment_carrier, shipment_tracking,
        version, attempts, status, last_error, enqueued_at, response_json
        """

    /// Writes `drafts` in one transaction. The version counter's row is taken under its lock, so versions grow in
    /// the order writers commit; each draft replaces any pending or parked entry with the same (channel, kind,
    /// key), which keeps its id (its place in the queue).
    public func enqueue(_ drafts: [OutboxDraft], at date: Date) async throws -> [OutboxItem] {
        guard !drafts.isEmpty else { return [] }
        return try await write("enqueue outbox entries") { connection in
            try await self.enqueue(connection, drafts, at: date)
        }
    }

    /// `enqueue(_:at:)` inside the caller's transaction.
    func enqueue(_ connection: PostgresConnection, _ drafts: [OutboxDraft], at date: Date) async throws -> [OutboxItem] {
        guard !drafts.isEmpty else { return [] }
        let now = date.unixMilliseconds
        var version = try await nextCounter(connection, "version", by: drafts.count) - Int64(drafts.count)
        var items: [OutboxItem] = []
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
            case let .acceptance(lines): response = try Self.encodeJSON(lines)
            case .acknowledgement: break
            }
            guard let id = try await connection.rows("""
                INSERT INTO outbox (channel, kind, key, listing, quantity, price_minor, price_currency, shipment_carrier,
                                    shipment_tracking, version, attempts, status, last_error, enqueued_at, updated_at, response_json)
                VALUES (\(draft.channel.rawValue), \(draft.payload.kind.rawValue), \(draft.key), \(draft.listing), \(quantity),
                        \(price?.minorUnits), \(price?.currency.rawValue), \(shipment?.carrier), \(shipment?.trackingNumber),
                        \(version), 0, 'pending', NULL, \(now), \(now), \(response))
                ON CONFLICT (channel, kind, key) DO UPDATE SET
                    listing = excluded.listing, quantity = excluded.quantity, price_minor = excluded.price_minor,
                    price_currency = excluded.price_currency, shipment_carrier = excluded.shipment_carrier,
                    shipment_tracking = excluded.shipment_tracking, response_json = excluded.response_json,
                    version = excluded.version, attempts = 0, status = 'pending', last_error = NULL,
                    enqueued_at = excluded.enqueued_at, updated_at = excluded.updated_at
                RETURNING id
                """, logger: logger).first?.decode(Int64.self) else { throw corrupt("outbox entry id") }
            items.append(OutboxItem(id: id, channel: draft.channel, key: draft.key, listing: draft.listing, payload: draft.payload,
                                    version: version, attempts: 0, status: .pending, lastError: nil, enqueuedAt: date))
        }
        return items
    }

    /// Moves the counter `name` up by `step` under its row lock; returns the new value.
    func nextCounter(_ connection: PostgresConnection, _ name: String, by step: Int = 1) async throws -> Int64 {
        guard let value = try await connection.rows("""
            UPDATE counters SET value = value + \(step) WHERE name = \(name) RETURNING value
            """, logger: logger).first?.decode(Int64.self) else { throw corrupt("\(name) counter") }
        return value
    }

    /// Entries waiting to be sent (pending, not in flight at their current version), oldest id first.
    public func pendingOutbox(for channel: ChannelID) async throws -> [OutboxItem] {
        try await read("read pending outbox") { connection in
            try await self.outboxItems(connection, """
                SELECT \(unescaped: Self.outboxColumns) FROM outbox o WHERE channel = \(channel.rawValue) AND status = 'pending'
                    AND NOT EXISTS (SELECT 1 FROM outbox_submissions s WHERE s.outbox_id = o.id AND s.version = o.version)
                ORDER BY id
                """)
        }
    }

    /// Entries parked after a permanent failure (every channel when nil), oldest id first.
    public func failedOutbox(for channel: ChannelID?) async throws -> [OutboxItem] {
        try await read("read failed outbox") { connection in
            try await self.outboxItems(connection, """
                SELECT \(unescaped: Self.outboxColumns) FROM outbox
                WHERE status = 'failed' AND (\(channel?.rawValue)::text IS NULL OR channel = \(channel?.rawValue)) ORDER BY id
                """)
        }
    }

    /// Records that the channel accepted `items`, as `SQLiteStore.acknowledge(_:at:)` does: an acknowledged value
    /// is written only over a lower version; an older version acknowledged after a newer, different one forgets the
    /// value (two sends raced); an applied price uses up an approval of exactly that price; each entry leaves the
    /// outbox only if still at its version; a shipment still current records its tracking number on the order.
    public func acknowledge(_ items: [OutboxItem], at date: Date) async throws {
        guard !items.isEmpty else { return }
        try await write("acknowledge outbox entries") { connection in
            let now = date.unixMilliseconds
            var replan: [Int64] = []
            for item in items {
                let channel = item.channel.rawValue
                switch item.payload {
                case let .stock(quantity):
                    if let id = try await self.productID(connection, item.key) {
                        let applied = try await connection.run("""
                            INSERT INTO acknowledged_offers (channel, product_id, quantity, quantity_version, acknowledged_at)
                            VALUES (\(channel), \(id), \(quantity), \(item.version), \(now))
                            ON CONFLICT (channel, product_id) DO UPDATE SET
                                quantity = excluded.quantity, quantity_version = excluded.quantity_version,
                                acknowledged_at = excluded.acknowledged_at
                            WHERE acknowledged_offers.quantity_version IS NULL OR acknowledged_offers.quantity_version < excluded.quantity_version
                            RETURNING 1
                            """, logger: self.logger)
                        if applied == 0, try await connection.run("""
                            UPDATE acknowledged_offers SET quantity = NULL
                            WHERE channel = \(channel) AND product_id = \(id) AND quantity_version > \(item.version)
                                AND quantity IS DISTINCT FROM \(quantity) RETURNING 1
                            """, logger: self.logger) > 0 {
                            replan.append(id)
                        }
                    }
                case let .price(price):
                    if let id = try await self.productID(connection, item.key) {
                        let applied = try await connection.run("""
                            INSERT INTO acknowledged_offers (channel, product_id, price_minor, price_currency, price_version, acknowledged_at)
                            VALUES (\(channel), \(id), \(price.minorUnits), \(price.currency.rawValue), \(item.version), \(now))
                            ON CONFLICT (channel, product_id) DO UPDATE SET
                                price_minor = excluded.price_minor, price_currency = excluded.price_currency,
                                price_version = excluded.price_version, acknowledged_at = excluded.acknowledged_at
                            WHERE acknowledged_offers.price_version IS NULL OR acknowledged_offers.price_version < excluded.price_version
                            RETURNING 1
                            """, logger: self.logger)
                        if applied > 0 {
                            try await connection.run("""
                                DELETE FROM price_approvals WHERE channel = \(channel) AND product_id = \(id)
                                    AND price_minor = \(price.minorUnits) AND currency = \(price.currency.rawValue)
                                """, logger: self.logger)
                        } else if try await connection.run("""
                            UPDATE acknowledged_offers SET price_minor = NULL, price_currency = NULL
                            WHERE channel = \(channel) AND product_id = \(id) AND price_version > \(item.version)
                                AND price_minor IS DISTINCT FROM \(price.minorUnits) RETURNING 1
                            """, logger: self.logger) > 0 {
                            replan.append(id)
                        }
                    }
                case .shipment, .acceptance, .acknowledgement:
                    break
                }
                let deleted = try await connection.run("""
                    DELETE FROM outbox WHERE channel = \(channel) AND kind = \(item.kind.rawValue) AND key = \(item.key)
                        AND version = \(item.version) RETURNING 1
                    """, logger: self.logger)
                if case let .shipment(shipment) = item.payload, deleted > 0 {
                    try await connection.run("""
                        UPDATE orders SET tracking_number = \(shipment.trackingNumber) WHERE channel = \(channel) AND order_id = \(item.key)
                        """, logger: self.logger)
                }
            }
            if !replan.isEmpty {
                let sequence = try await self.nextCounter(connection, "change")
                try await connection.run("UPDATE products SET change_seq = \(sequence) WHERE id = ANY(\(replan))", logger: self.logger)
            }
        }
    }

    /// Attempts + 1 and the reason; a permanent failure parks the entry. Nothing when a newer version superseded it.
    public func recordFailure(_ item: OutboxItem, reason: String, permanent: Bool, at date: Date) async throws {
        try await write("record an outbox failure") { connection in
            try await connection.run("""
                UPDATE outbox SET attempts = attempts + 1, last_error = \(reason),
                    status = CASE WHEN \(permanent) THEN 'failed' ELSE status END, updated_at = \(date.unixMilliseconds)
                WHERE channel = \(item.channel.rawValue) AND kind = \(item.kind.rawValue) AND key = \(item.key) AND version = \(item.version)
                """, logger: self.logger)
        }
    }

    /// Puts parked entries back in the queue with attempts 0; returns how many.
    public func requeueFailed(for channel: ChannelID?) async throws -> Int {
        try await write("requeue failed outbox entries") { connection in
            try await connection.run("""
                UPDATE outbox SET status = 'pending', attempts = 0
                WHERE status = 'failed' AND (\(channel?.rawValue)::text IS NULL OR channel = \(channel?.rawValue)) RETURNING 1
                """, logger: self.logger)
        }
    }

    /// What `channel` last acknowledged, ordered by SKU, with the product's listing on the channel.
    public func acknowledgedOffers(for channel: ChannelID) async throws -> [AcknowledgedOffer] {
        try await read("read acknowledged offers") { connection in
            try await connection.rows("""
                SELECT p.sku, a.quantity, a.price_minor, a.price_currency, a.quantity_version, a.price_version, a.acknowledged_at,
                       l.external_id
                FROM acknowledged_offers a JOIN products p ON p.id = a.product_id
                LEFT JOIN listings l ON l.product_id = a.product_id AND l.channel = a.channel
                WHERE a.channel = \(channel.rawValue) ORDER BY p.sku
                """, logger: self.logger).map { row in
                let (sku, quantity, minor, currency, quantityVersion, priceVersion, at, listing)
                    = try row.decode((String, Int64?, Int64?, String?, Int64?, Int64?, Int64, String?).self)
                let price = minor.flatMap { minor in currency.map { Money(minorUnits: minor, currency: Currency(rawValue: $0)) } }
                return AcknowledgedOffer(channel: channel, sku: SKU(sku), quantity: quantity, price: price, quantityVersion: quantityVersion,
                                         priceVersion: priceVersion, acknowledgedAt: Date(unixMilliseconds: at), listing: listing)
            }
        }
    }

    /// The catalog id of `sku`, or nil.
    func productID(_ connection: PostgresConnection, _ sku: String) async throws -> Int64? {
        try await connection.rows("SELECT id FROM products WHERE sku = \(sku)", logger: logger).first?.decode(Int64.self)
    }

    // MARK: - Decoding

    func outboxItems(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> [OutboxItem] {
        try await connection.rows(query, logger: logger).map(outboxItem)
    }

    /// An item from a row of `outboxColumns`.
    func outboxItem(_ row: PostgresRow) throws -> OutboxItem {
        let (id, channel, kindText, key, listing, quantity, priceMinor, priceCurrency)
            = try row.decode((Int64, String, String, String, String?, Int64?, Int64?, String?).self)
        let columns = row.makeRandomAccess()
        let carrier = try columns[8].decode(String?.self)
        let tracking = try columns[9].decode(String?.self)
        let version = try columns[10].decode(Int64.self)
        let attempts = try columns[11].decode(Int.self)
        let statusText = try columns[12].decode(String.self)
        let lastError = try columns[13].decode(String?.self)
        let enqueuedAt = try columns[14].decode(Int64.self)
        let response = try columns[15].decode(String?.self)
        guard let kind = OutboxKind(rawValue: kindText) else { throw corrupt("outbox kind") }
        let payload: OutboxPayload
        switch kind {
        case .stock:
            guard let quantity else { throw corrupt("outbox stock quantity") }
            payload = .stock(quantity: quantity)
        case .price:
            guard let priceMinor, let priceCurrency else { throw corrupt("outbox price") }
            payload = .price(Money(minorUnits: priceMinor, currency: Currency(rawValue: priceCurrency)))
        case .shipment:
            guard let carrier, let tracking else { throw corrupt("outbox shipment") }
            var lines: [ShipmentLine] = []
            if let response {
                guard let decoded = try? JSONDecoder().decode([ShipmentLine].self, from: Data(response.utf8)) else {
                    throw corrupt("outbox shipment lines")
                }
                lines = decoded
            }
            payload = .shipment(Shipment(orderID: key, carrier: carrier, trackingNumber: tracking, lines: lines))
        case .acceptance:
            guard let response, let lines = try? JSONDecoder().decode([OrderLineDecision].self, from: Data(response.utf8)) else {
                throw corrupt("outbox acceptance")
            }
            payload = .acceptance(lines)
        case .acknowledgement:
            payload = .acknowledgement
        }
        guard let status = OutboxStatus(rawValue: statusText) else { throw corrupt("outbox status") }
        return OutboxItem(id: id, channel: ChannelID(channel), key: key, listing: listing, payload: payload, version: version,
                          attempts: attempts, status: status, lastError: lastError, enqueuedAt: Date(unixMilliseconds: enqueuedAt))
    }

    /// `value` as sorted-key JSON text, as `response_json` keeps answers' details (the same text `SQLiteStore` keeps).
    static func encodeJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
