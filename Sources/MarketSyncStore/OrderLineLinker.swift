internal import Foundation
internal import GRDB
public import MarketSync

/// Links order lines to catalog products inside a store transaction: by the merchant's code first, then by the
/// channel's listing id (`listings.external_id`). A line that matches neither stays as it came, unmatched.
struct OrderLineLinker {
    private let byCode: Statement
    private let byListing: Statement

    init(_ db: Database) throws {
        byCode = try db.cachedStatement(sql: "SELECT 1 FROM products WHERE sku = ?")
        byListing = try db.cachedStatement(sql: """
            SELECT p.sku FROM listings l JOIN products p ON p.id = l.product_id
            WHERE l.channel = ? AND l.external_id = ? ORDER BY p.id LIMIT 1
            """)
    }

    /// The line with its SKU set to the catalog's, and whether a product matched.
    func link(_ line: OrderLine, channel: String) throws -> (line: OrderLine, matched: Bool) {
        if try Int64.fetchOne(byCode, arguments: [line.sku.rawValue]) != nil { return (line, true) }
        if let listing = line.listing, let sku = try String.fetchOne(byListing, arguments: [channel, listing]) {
            var linked = line
            linked.sku = SKU(sku)
            return (linked, true)
        }
        return (line, false)
    }

    /// What an incident says about an unmatched line.
    static func incidentDetail(_ line: OrderLine, position: Int) -> String {
        "line \(position + 1): SKU \(line.sku) and listing \(line.listing ?? "(none)") match no product in the catalog"
    }
}

extension SQLiteStore {
    static let unmatchedLineIncident = "unmatched_line"

    /// Records an open incident once (the same incident seen again changes nothing); true when it is new.
    static func recordIncident(_ db: Database, channel: String, orderID: String, kind: String, detail: String, at: Int64) throws -> Bool {
        try db.cachedStatement(sql: """
            INSERT INTO order_incidents (channel, order_id, kind, detail, at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (channel, order_id, kind, detail) DO NOTHING
            """).execute(arguments: [channel, orderID, kind, detail, at])
        return db.changesCount > 0
    }

    /// After an import: links the lines that matched nothing when their order was stored, if the catalog now has
    /// their product; closes their incidents; returns the SKUs that gained reservations.
    static func relinkUnmatchedLines(_ db: Database, at now: Int64) throws -> [String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT ol.order_ref, ol.position, ol.sku, ol.listing, ol.quantity, o.channel, o.order_id
            FROM order_lines ol JOIN orders o ON o.id = ol.order_ref WHERE ol.matched = 0
            """)
        guard !rows.isEmpty else { return [] }
        let linker = try OrderLineLinker(db)
        let update = try db.cachedStatement(sql: "UPDATE order_lines SET sku = ?, matched = 1 WHERE order_ref = ? AND position = ?")
        let resolve = try db.cachedStatement(sql: """
            UPDATE order_incidents SET resolved_at = ?
            WHERE channel = ? AND order_id = ? AND kind = ? AND detail = ? AND resolved_at IS NULL
            """)
        var linked: [String] = []
        for row in rows {
            let position = Int(try row.int64(1))
            let line = OrderLine(sku: SKU(try row.string(2)), quantity: try row.int64(4), listing: try row.optionalString(3))
            let channel = try row.string(5)
            let (resolved, matched) = try linker.link(line, channel: channel)
            guard matched else { continue }
            try update.execute(arguments: [resolved.sku.rawValue, try row.int64(0), position])
            try resolve.execute(arguments: [now, channel, try row.string(6), unmatchedLineIncident,
                                            OrderLineLinker.incidentDetail(line, position: position)])
            linked.append(resolved.sku.rawValue)
        }
        return linked
    }

    /// Open incidents of `channel` (every channel when nil), oldest first.
    public func openIncidents(for channel: ChannelID?) async throws -> [OrderIncident] {
        try await read("read order incidents") { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT channel, order_id, kind, detail, at FROM order_incidents
                WHERE resolved_at IS NULL AND (?1 IS NULL OR channel = ?1) ORDER BY id
                """, arguments: [channel?.rawValue])
            return try rows.map {
                OrderIncident(channel: ChannelID(try $0.string(0)), orderID: try $0.string(1), kind: try $0.string(2),
                              detail: try $0.string(3), at: try $0.date(4))
            }
        }
    }

    /// Held prices, parked outbox items and open incidents of `channel`, in one read.
    public func waitingWork(for channel: ChannelID) async throws -> WaitingWork {
        try await read("count what waits for a person") { db in
            let held = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM held_changes WHERE channel = ?", arguments: [channel.rawValue]) ?? 0
            let parked = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE channel = ? AND status = 'failed'",
                                          arguments: [channel.rawValue]) ?? 0
            let incidents = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM order_incidents WHERE channel = ? AND resolved_at IS NULL",
                                             arguments: [channel.rawValue]) ?? 0
            return WaitingWork(heldPrices: held, parkedItems: parked, incidents: incidents)
        }
    }
}
