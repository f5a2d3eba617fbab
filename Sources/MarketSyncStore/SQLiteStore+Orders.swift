public import Foundation
public import MarketSync
internal import GRDB

extension SQLiteStore {
    /// How far `channel`'s orders have been read: the latest window end stored with them (nil before the first
    /// pull); the next pull starts the channel's overlap before it.
    public func orderCursor(for channel: ChannelID) async throws -> Date? {
        try await read("read the order cursor") { db in
            try Int64.fetchOne(db, sql: "SELECT cursor FROM order_cursors WHERE channel = ?",
                               arguments: [channel.rawValue]).map(Date.init(unixMilliseconds:))
        }
    }

    /// Stores a window of `channel`'s orders and moves its cursor, in one transaction.
    ///
    /// Orders with the same id in `orders` count once: the one with the latest `updatedAt` wins (the later one in
    /// the array on a tie). A new order is inserted with its first status in the history. A stored order is
    /// updated (lines replaced) when the incoming `updatedAt` is later, or equal with different content (state,
    /// raw status, lines, total, or a reported tracking number); an older copy changes nothing, as the protocol
    /// requires. A state or raw-status change appends to the history, at the order's `updatedAt`. An incoming
    /// order without a tracking number keeps the stored one (recorded by a shipment acknowledgement).
    /// The cursor becomes max(stored cursor, `cursor`): it never moves backwards.
    ///
    /// Change tracking: when the reservation a product sees may have changed (an order inserted in a reserving
    /// state, a state change across reserving and non-reserving, new lines on a reserving order), every catalog
    /// product named in the old or new lines is stamped with the next change sequence (taken once per call).
    public func storeOrders(_ orders: [ChannelOrder], channel: ChannelID, cursor: Date, at date: Date) async throws
        -> OrderStoreCounts
    {
        try await write("store orders") { db in
            let now = date.unixMilliseconds
            let channelName = channel.rawValue
            var latest: [String: ChannelOrder] = [:]
            var firstSeen: [String] = []
            // Lines are linked to the catalog before anything is compared, so a stored (linked) copy and the same
            // order read again compare equal.
            let linker = try OrderLineLinker(db)
            var unmatched: [String: [Int]] = [:]
            for order in orders {
                if let kept = latest[order.id] {
                    if order.updatedAt >= kept.updatedAt { latest[order.id] = order }
                } else {
                    latest[order.id] = order
                    firstSeen.append(order.id)
                }
            }
            let find = try db.cachedStatement(sql: """
                SELECT id, state, raw_status, updated_at, total_minor, total_currency, tracking_number
                FROM orders WHERE channel = ? AND order_id = ?
                """)
            let insert = try db.cachedStatement(sql: """
                INSERT INTO orders (channel, order_id, state, raw_status, updated_at, total_minor, total_currency,
                                    tracking_number, first_seen_at, last_seen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let update = try db.cachedStatement(sql: """
                UPDATE orders SET state = ?, raw_status = ?, updated_at = ?, total_minor = ?, total_currency = ?,
                                  tracking_number = COALESCE(?, tracking_number), last_seen_at = ?
                WHERE id = ?
                """)
            let seen = try db.cachedStatement(sql: "UPDATE orders SET last_seen_at = ? WHERE id = ?")
            let deleteLines = try db.cachedStatement(sql: "DELETE FROM order_lines WHERE order_ref = ?")
            var counts = OrderStoreCounts()
            // SKUs whose reservation may have changed; stamped once at the end.
            var touched = Set<String>()
            for id in firstSeen {
                guard var order = latest[id] else { continue }
                var positions: [Int] = []
                for index in order.lines.indices {
                    let (line, matched) = try linker.link(order.lines[index], channel: channelName)
                    order.lines[index] = line
                    if !matched { positions.append(index) }
                }
                if !positions.isEmpty { unmatched[id] = positions }
                let updatedAt = order.updatedAt.unixMilliseconds
                guard let row = try Row.fetchOne(find, arguments: [channelName, id]) else {
                    try insert.execute(arguments: [
                        channelName, id, order.state.rawValue, order.rawStatus, updatedAt, order.total?.minorUnits,
                        order.total?.currency.rawValue, order.trackingNumber, now, now,
                    ])
                    let ref = db.lastInsertedRowID
                    try Self.insertLines(db, order.lines, unmatched: unmatched[id] ?? [], orderRef: ref)
                    counts.unmatchedLines += try Self.recordUnmatched(db, order, positions: unmatched[id] ?? [], channel: channelName, at: now)
                    if order.state.reservesStock {
                        touched.formUnion(order.lines.lazy.map(\.sku.rawValue))
                    }
                    try Self.appendHistory(db, orderRef: ref, state: order.state, rawStatus: order.rawStatus, at: updatedAt)
                    counts.new += 1
                    continue
                }
                let ref = try row.int64(0)
                let storedState = try row.string(1)
                let storedRaw = try row.string(2)
                let storedUpdatedAt = try row.int64(3)
                let statusChanged = storedState != order.state.rawValue || storedRaw != order.rawStatus
                let storedTotal = try row.optionalMoney(4)
                let storedTracking = try row.optionalString(6)
                let storedLines = try Self.storedLines(db, orderRef: ref)
                let linesChanged = storedLines != order.lines
                let differs = statusChanged || linesChanged || storedTotal != order.total
                    || (order.trackingNumber != nil && storedTracking != order.trackingNumber)
                guard updatedAt > storedUpdatedAt || (updatedAt == storedUpdatedAt && differs) else {
                    try seen.execute(arguments: [now, ref])
                    counts.unchanged += 1
                    continue
                }
                try update.execute(arguments: [
                    order.state.rawValue, order.rawStatus, updatedAt, order.total?.minorUnits,
                    order.total?.currency.rawValue, order.trackingNumber, now, ref,
                ])
                if linesChanged {
                    try deleteLines.execute(arguments: [ref])
                    try Self.insertLines(db, order.lines, unmatched: unmatched[id] ?? [], orderRef: ref)
                    counts.unmatchedLines += try Self.recordUnmatched(db, order, positions: unmatched[id] ?? [], channel: channelName, at: now)
                }
                let reservedBefore = Self.orderState(storedState).reservesStock
                let reservesNow = order.state.reservesStock
                if reservedBefore != reservesNow || (reservesNow && linesChanged) {
                    touched.formUnion(storedLines.lazy.map(\.sku.rawValue))
                    touched.formUnion(order.lines.lazy.map(\.sku.rawValue))
                }
                if statusChanged {
                    try Self.appendHistory(db, orderRef: ref, state: order.state, rawStatus: order.rawStatus, at: updatedAt)
                }
                counts.updated += 1
            }
            if !touched.isEmpty {
                let sequence = try Self.nextChangeSequence(db)
                let stamp = try db.cachedStatement(sql: "UPDATE products SET change_seq = ? WHERE sku = ?")
                for sku in touched.sorted() {
                    try stamp.execute(arguments: [sequence, sku])
                }
            }
            try db.execute(sql: """
                INSERT INTO order_cursors (channel, cursor) VALUES (?, ?)
                ON CONFLICT (channel) DO UPDATE SET cursor = MAX(cursor, excluded.cursor)
                """, arguments: [channelName, cursor.unixMilliseconds])
            return counts
        }
    }

    /// One stored order of `channel` with its lines and history, or nil.
    public func order(_ id: String, channel: ChannelID) async throws -> StoredOrder? {
        try await read("read an order") { db in
            try self.storedOrders(db, channel: channel, orderID: id).first
        }
    }

    /// Every stored order of `channel`, ordered by id, each with its lines and history.
    public func orders(for channel: ChannelID) async throws -> [StoredOrder] {
        try await read("read orders") { db in
            try self.storedOrders(db, channel: channel, orderID: nil)
        }
    }

    // MARK: - Lines, history, decoding

    static func insertLines(_ db: Database, _ lines: [OrderLine], unmatched: [Int], orderRef: Int64) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO order_lines (order_ref, position, sku, quantity, unit_price_minor, currency, listing, matched)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, line) in lines.enumerated() {
            try statement.execute(arguments: [orderRef, position, line.sku.rawValue, line.quantity,
                                              line.unitPrice?.minorUnits, line.unitPrice?.currency.rawValue, line.listing,
                                              !unmatched.contains(position)])
        }
    }

    /// An incident per unmatched line of `order` (once each); returns how many were new.
    static func recordUnmatched(_ db: Database, _ order: ChannelOrder, positions: [Int], channel: String, at now: Int64) throws -> Int {
        var new = 0
        for position in positions {
            let detail = OrderLineLinker.incidentDetail(order.lines[position], position: position)
            if try recordIncident(db, channel: channel, orderID: order.id, kind: unmatchedLineIncident, detail: detail, at: now) {
                new += 1
            }
        }
        return new
    }

    static func appendHistory(_ db: Database, orderRef: Int64, state: OrderState, rawStatus: String, at: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO order_status_history (order_ref, state, raw_status, at) VALUES (?, ?, ?, ?)
            """).execute(arguments: [orderRef, state.rawValue, rawStatus, at])
    }

    static func storedLines(_ db: Database, orderRef: Int64) throws -> [OrderLine] {
        let statement = try db.cachedStatement(sql: """
            SELECT sku, quantity, unit_price_minor, currency, listing FROM order_lines WHERE order_ref = ? ORDER BY position
            """)
        var lines: [OrderLine] = []
        let rows = try Row.fetchCursor(statement, arguments: [orderRef])
        while let row = try rows.next() {
            lines.append(OrderLine(sku: SKU(try row.string(0)), quantity: try row.int64(1),
                                   unitPrice: try row.optionalMoney(2), listing: try row.optionalString(4)))
        }
        return lines
    }

    /// Orders of a channel (one, when `orderID` is given) with lines and history, in three queries whatever their
    /// number: orders, then all their lines, then all their history, stitched by the order's key.
    func storedOrders(_ db: Database, channel: ChannelID, orderID: String?) throws -> [StoredOrder] {
        let filter = orderID == nil ? "o.channel = ?1" : "o.channel = ?1 AND o.order_id = ?2"
        let arguments: StatementArguments = orderID.map { [channel.rawValue, $0] } ?? [channel.rawValue]

        var lines: [Int64: [OrderLine]] = [:]
        let lineRows = try Row.fetchCursor(db, sql: """
            SELECT ol.order_ref, ol.sku, ol.quantity, ol.unit_price_minor, ol.currency, ol.listing
            FROM order_lines ol JOIN orders o ON o.id = ol.order_ref
            WHERE \(filter) ORDER BY ol.order_ref, ol.position
            """, arguments: arguments)
        while let row = try lineRows.next() {
            lines[try row.int64(0), default: []].append(
                OrderLine(sku: SKU(try row.string(1)), quantity: try row.int64(2), unitPrice: try row.optionalMoney(3),
                          listing: try row.optionalString(5)))
        }

        var history: [Int64: [OrderStatusChange]] = [:]
        let historyRows = try Row.fetchCursor(db, sql: """
            SELECT h.order_ref, h.state, h.raw_status, h.at
            FROM order_status_history h JOIN orders o ON o.id = h.order_ref
            WHERE \(filter) ORDER BY h.order_ref, h.id
            """, arguments: arguments)
        while let row = try historyRows.next() {
            history[try row.int64(0), default: []].append(
                OrderStatusChange(state: Self.orderState(try row.string(1)), rawStatus: try row.string(2),
                                  at: try row.date(3)))
        }

        var result: [StoredOrder] = []
        let orderRows = try Row.fetchCursor(db, sql: """
            SELECT o.id, o.order_id, o.state, o.raw_status, o.updated_at, o.total_minor, o.total_currency,
                   o.tracking_number
            FROM orders o WHERE \(filter) ORDER BY o.order_id
            """, arguments: arguments)
        while let row = try orderRows.next() {
            let ref = try row.int64(0)
            let order = ChannelOrder(id: try row.string(1), state: Self.orderState(try row.string(2)),
                                     rawStatus: try row.string(3), updatedAt: try row.date(4),
                                     lines: lines[ref] ?? [], total: try row.optionalMoney(5),
                                     trackingNumber: try row.optionalString(7))
            result.append(StoredOrder(channel: channel, order: order, history: history[ref] ?? []))
        }
        return result
    }

    /// A stored state; one written by a newer version that this one does not know reads as `.unknown`.
    static func orderState(_ text: String) -> OrderState {
        OrderState(rawValue: text) ?? .unknown
    }
}
