public import Foundation
public import MarketSync
internal import GRDB

extension SQLiteStore {
    /// In one transaction: deletes the held changes of `channel` for the SKUs in `planned` (every one of the
    /// channel's when nil), then inserts `held` (a SKU held twice keeps the later one).
    public func replaceHeldChanges(_ held: [HeldChange], channel: ChannelID, planned: [SKU]?) async throws {
        try await write("replace held changes") { db in
            if let planned {
                let delete = try db.cachedStatement(sql: "DELETE FROM held_changes WHERE channel = ? AND sku = ?")
                for sku in planned {
                    try delete.execute(arguments: [channel.rawValue, sku.rawValue])
                }
            } else {
                try db.execute(sql: "DELETE FROM held_changes WHERE channel = ?", arguments: [channel.rawValue])
            }
            let insert = try db.cachedStatement(sql: """
                INSERT INTO held_changes (channel, sku, from_minor, from_currency, to_minor, to_currency, reason,
                                          held_at, guard_kind)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (channel, sku) DO UPDATE SET
                    from_minor = excluded.from_minor, from_currency = excluded.from_currency,
                    to_minor = excluded.to_minor, to_currency = excluded.to_currency, reason = excluded.reason,
                    held_at = excluded.held_at, guard_kind = excluded.guard_kind
                """)
            for change in held {
                try insert.execute(arguments: [
                    change.channel.rawValue, change.sku.rawValue, change.from?.minorUnits,
                    change.from?.currency.rawValue, change.to.minorUnits, change.to.currency.rawValue, change.reason,
                    change.heldAt.unixMilliseconds, change.guardKind.rawValue,
                ])
            }
        }
    }

    /// Held changes of `channel` (every channel when nil), ordered by channel and SKU.
    public func heldChanges(for channel: ChannelID?) async throws -> [HeldChange] {
        try await read("read held changes") { db in
            let columns = "channel, sku, from_minor, from_currency, to_minor, to_currency, reason, held_at, guard_kind"
            let rows: RowCursor
            if let channel {
                rows = try Row.fetchCursor(db, sql: """
                    SELECT \(columns) FROM held_changes WHERE channel = ? ORDER BY channel, sku
                    """, arguments: [channel.rawValue])
            } else {
                rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM held_changes ORDER BY channel, sku")
            }
            var result: [HeldChange] = []
            while let row = try rows.next() {
                guard let guardKind = PriceGuard(rawValue: try row.string(8)) else { throw self.corrupt("held change guard") }
                result.append(HeldChange(channel: ChannelID(try row.string(0)), sku: SKU(try row.string(1)),
                                         from: try row.optionalMoney(2), to: try row.money(4), guardKind: guardKind,
                                         reason: try row.string(6), heldAt: try row.date(7)))
            }
            return result
        }
    }

    /// In one transaction: each held change of `channel` (those for `skus`, or all when nil) becomes an approval
    /// of its exact target price (replacing an earlier approval) and leaves the held list. A held change whose
    /// SKU is no longer in the catalog cannot be approved: it is dropped and not counted. Returns how many were
    /// approved.
    public func approveHeldChanges(channel: ChannelID, skus: [SKU]?, at date: Date) async throws -> Int {
        try await write("approve held changes") { db in
            var held: [(sku: String, minor: Int64, currency: String)] = []
            let select = try db.cachedStatement(sql: """
                SELECT sku, to_minor, to_currency FROM held_changes WHERE channel = ? AND sku = ?
                """)
            if let skus {
                for sku in Set(skus) {
                    if let row = try Row.fetchOne(select, arguments: [channel.rawValue, sku.rawValue]) {
                        held.append((try row.string(0), try row.int64(1), try row.string(2)))
                    }
                }
            } else {
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT sku, to_minor, to_currency FROM held_changes WHERE channel = ?
                    """, arguments: [channel.rawValue])
                while let row = try rows.next() {
                    held.append((try row.string(0), try row.int64(1), try row.string(2)))
                }
            }
            let approve = try db.cachedStatement(sql: """
                INSERT INTO price_approvals (channel, product_id, price_minor, currency, approved_at)
                SELECT ?1, id, ?2, ?3, ?4 FROM products WHERE sku = ?5
                ON CONFLICT (channel, product_id) DO UPDATE SET
                    price_minor = excluded.price_minor, currency = excluded.currency,
                    approved_at = excluded.approved_at
                """)
            let delete = try db.cachedStatement(sql: "DELETE FROM held_changes WHERE channel = ? AND sku = ?")
            var approved = 0
            for change in held {
                try approve.execute(arguments: [channel.rawValue, change.minor, change.currency,
                                                 date.unixMilliseconds, change.sku])
                approved += db.changesCount
                try delete.execute(arguments: [channel.rawValue, change.sku])
            }
            // An approval changes what the planner may push, so the approved SKUs are planned again even by an
            // incremental plan.
            if !held.isEmpty {
                let sequence = try Self.nextChangeSequence(db)
                let stamp = try db.cachedStatement(sql: "UPDATE products SET change_seq = ? WHERE sku = ?")
                for change in held { try stamp.execute(arguments: [sequence, change.sku]) }
            }
            return approved
        }
    }
}
