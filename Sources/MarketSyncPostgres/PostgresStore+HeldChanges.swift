public import Foundation
public import MarketSync
internal import PostgresNIO

extension PostgresStore: HeldChangeStore {
    /// Deletes the held changes of `channel` for `planned` (all of the channel's when nil), then inserts `held`.
    public func replaceHeldChanges(_ held: [HeldChange], channel: ChannelID, planned: [SKU]?) async throws {
        try await write("replace held changes") { connection in
            if let planned {
                try await connection.run("""
                    DELETE FROM held_changes WHERE channel = \(channel.rawValue) AND sku = ANY(\(planned.map(\.rawValue)))
                    """, logger: self.logger)
            } else {
                try await connection.run("DELETE FROM held_changes WHERE channel = \(channel.rawValue)", logger: self.logger)
            }
            for change in held {
                try await connection.run("""
                    INSERT INTO held_changes (channel, sku, from_minor, from_currency, to_minor, to_currency, reason, held_at, guard_kind)
                    VALUES (\(change.channel.rawValue), \(change.sku.rawValue), \(change.from?.minorUnits), \(change.from?.currency.rawValue),
                            \(change.to.minorUnits), \(change.to.currency.rawValue), \(change.reason), \(change.heldAt.unixMilliseconds),
                            \(change.guardKind.rawValue))
                    ON CONFLICT (channel, sku) DO UPDATE SET
                        from_minor = excluded.from_minor, from_currency = excluded.from_currency, to_minor = excluded.to_minor,
                        to_currency = excluded.to_currency, reason = excluded.reason, held_at = excluded.held_at,
                        guard_kind = excluded.guard_kind
                    """, logger: self.logger)
            }
        }
    }

    /// Held changes of `channel` (every channel when nil), ordered by channel and SKU.
    public func heldChanges(for channel: ChannelID?) async throws -> [HeldChange] {
        try await read("read held changes") { connection in
            try await connection.rows("""
                SELECT channel, sku, from_minor, from_currency, to_minor, to_currency, reason, held_at, guard_kind FROM held_changes
                WHERE \(channel?.rawValue)::text IS NULL OR channel = \(channel?.rawValue) ORDER BY channel, sku
                """, logger: self.logger).map { row in
                let (name, sku, fromMinor, fromCurrency, toMinor, toCurrency, reason, heldAt, guardText)
                    = try row.decode((String, String, Int64?, String?, Int64, String, String, Int64, String).self)
                guard let guardKind = PriceGuard(rawValue: guardText) else { throw self.corrupt("held change guard") }
                let from = fromMinor.flatMap { minor in fromCurrency.map { Money(minorUnits: minor, currency: Currency(rawValue: $0)) } }
                return HeldChange(channel: ChannelID(name), sku: SKU(sku), from: from,
                                  to: Money(minorUnits: toMinor, currency: Currency(rawValue: toCurrency)), guardKind: guardKind,
                                  reason: reason, heldAt: Date(unixMilliseconds: heldAt))
            }
        }
    }

    /// Each held change (of `skus`, or all) becomes an approval of its exact price and leaves the list; one whose
    /// SKU left the catalog is dropped uncounted. The approved SKUs take the next change sequence.
    public func approveHeldChanges(channel: ChannelID, skus: [SKU]?, at date: Date) async throws -> Int {
        try await write("approve held changes") { connection in
            let held = try await connection.rows("""
                DELETE FROM held_changes WHERE channel = \(channel.rawValue)
                    AND (\(skus == nil) OR sku = ANY(\((skus ?? []).map(\.rawValue))))
                RETURNING sku, to_minor, to_currency
                """, logger: self.logger).map { try $0.decode((String, Int64, String).self) }
            var approved = 0
            for (sku, minor, currency) in held {
                approved += try await connection.run("""
                    INSERT INTO price_approvals (channel, product_id, price_minor, currency, approved_at)
                    SELECT \(channel.rawValue), id, \(minor), \(currency), \(date.unixMilliseconds) FROM products WHERE sku = \(sku)
                    ON CONFLICT (channel, product_id) DO UPDATE SET
                        price_minor = excluded.price_minor, currency = excluded.currency, approved_at = excluded.approved_at
                    RETURNING 1
                    """, logger: self.logger)
            }
            if !held.isEmpty {
                let sequence = try await self.nextCounter(connection, "change")
                try await connection.run("UPDATE products SET change_seq = \(sequence) WHERE sku = ANY(\(held.map(\.0)))", logger: self.logger)
            }
            return approved
        }
    }
}

extension PostgresStore: IncidentStore {
    /// Open incidents of `channel` (every channel when nil), oldest first.
    public func openIncidents(for channel: ChannelID?) async throws -> [OrderIncident] {
        try await read("read order incidents") { connection in
            try await connection.rows("""
                SELECT channel, order_id, kind, detail, at FROM order_incidents
                WHERE resolved_at IS NULL AND (\(channel?.rawValue)::text IS NULL OR channel = \(channel?.rawValue)) ORDER BY id
                """, logger: self.logger).map { row in
                let (name, order, kind, detail, at) = try row.decode((String, String, String, String, Int64).self)
                return OrderIncident(channel: ChannelID(name), orderID: order, kind: kind, detail: detail, at: Date(unixMilliseconds: at))
            }
        }
    }

    /// Held prices, parked outbox items and open incidents of `channel`, in one snapshot.
    public func waitingWork(for channel: ChannelID) async throws -> WaitingWork {
        try await read("count what waits for a person") { connection in
            guard let row = try await connection.rows("""
                SELECT (SELECT COUNT(*) FROM held_changes WHERE channel = \(channel.rawValue)),
                       (SELECT COUNT(*) FROM outbox WHERE channel = \(channel.rawValue) AND status = 'failed'),
                       (SELECT COUNT(*) FROM order_incidents WHERE channel = \(channel.rawValue) AND resolved_at IS NULL)
                """, logger: self.logger).first else { throw self.corrupt("counts") }
            let (held, parked, incidents) = try row.decode((Int, Int, Int).self)
            return WaitingWork(heldPrices: held, parkedItems: parked, incidents: incidents)
        }
    }
}
