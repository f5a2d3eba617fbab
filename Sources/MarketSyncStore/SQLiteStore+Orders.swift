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
    /// raw status, lines with their ids, states and raw statuses, total, placing time, or a reported tracking
    /// number); an older copy changes nothing, as the protocol requires. A state or raw-status change appends to
    /// the history, at the order's `updatedAt`. An incoming order without a tracking number or placing time keeps
    /// the stored one. The cursor becomes max(stored cursor, `cursor`): it never moves backwards.
    ///
    /// A copy that would be applied but moves the order, or a line with the same channel id, where
    /// `OrderTransitions` does not allow is held back whole: nothing of it is stored (state, raw status, lines,
    /// total, tracking), the stored `updatedAt` stays so a later legal copy still applies, and each illegal move
    /// is an `illegal_transition` incident (recorded once). Keeping the stored copy whole keeps the order, its
    /// lines and its reservations consistent with one another; a person decides from the incident.
    ///
    /// Reservations: each line's `reserves` is written from `OrderLine.reservesStock(orderState:refused:)` with
    /// the decision the engine recorded for it (kept across line replacements by the line's channel id). When
    /// what an order reserves changes (units per SKU), every SKU whose units changed is stamped with the next
    /// change sequence (taken once per call).
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
            for order in orders {
                if let kept = latest[order.id] {
                    if order.updatedAt >= kept.updatedAt { latest[order.id] = order }
                } else {
                    latest[order.id] = order
                    firstSeen.append(order.id)
                }
            }
            let find = try db.cachedStatement(sql: """
                SELECT id, state, raw_status, updated_at, total_minor, total_currency, tracking_number, placed_at
                FROM orders WHERE channel = ? AND order_id = ?
                """)
            let insert = try db.cachedStatement(sql: """
                INSERT INTO orders (channel, order_id, state, raw_status, updated_at, total_minor, total_currency,
                                    tracking_number, first_seen_at, last_seen_at, placed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let update = try db.cachedStatement(sql: """
                UPDATE orders SET state = ?, raw_status = ?, updated_at = ?, total_minor = ?, total_currency = ?,
                                  tracking_number = COALESCE(?, tracking_number), last_seen_at = ?,
                                  placed_at = COALESCE(?, placed_at)
                WHERE id = ?
                """)
            let seen = try db.cachedStatement(sql: "UPDATE orders SET last_seen_at = ? WHERE id = ?")
            let deleteLines = try db.cachedStatement(sql: "DELETE FROM order_lines WHERE order_ref = ?")
            var counts = OrderStoreCounts()
            // SKUs whose reservation may have changed; stamped once at the end.
            var touched = Set<String>()
            for id in firstSeen {
                guard var order = latest[id] else { continue }
                var unmatched: [Int] = []
                for index in order.lines.indices {
                    let (line, matched) = try linker.link(order.lines[index], channel: channelName)
                    order.lines[index] = line
                    if !matched { unmatched.append(index) }
                }
                let updatedAt = order.updatedAt.unixMilliseconds
                guard let row = try Row.fetchOne(find, arguments: [channelName, id]) else {
                    try insert.execute(arguments: [
                        channelName, id, order.state.rawValue, order.rawStatus, updatedAt, order.total?.minorUnits,
                        order.total?.currency.rawValue, order.trackingNumber, now, now, order.placedAt?.unixMilliseconds,
                    ])
                    let ref = db.lastInsertedRowID
                    try Self.insertLines(db, order.lines, unmatched: unmatched, orderRef: ref, orderState: order.state)
                    counts.unmatchedLines += try Self.recordUnmatched(db, order, positions: unmatched, channel: channelName, at: now)
                    touched.formUnion(try Self.reservingUnits(db, orderRef: ref).keys)
                    try Self.appendHistory(db, orderRef: ref, state: order.state, rawStatus: order.rawStatus, at: updatedAt)
                    counts.new += 1
                    continue
                }
                let ref = try row.int64(0)
                let storedState = Self.orderState(try row.string(1))
                let storedRaw = try row.string(2)
                let storedUpdatedAt = try row.int64(3)
                let statusChanged = storedState.rawValue != order.state.rawValue || storedRaw != order.rawStatus
                let storedTotal = try row.optionalMoney(4)
                let storedTracking = try row.optionalString(6)
                let storedPlacedAt = try row.optionalDate(7)
                let storedLines = try Self.storedLines(db, orderRef: ref)
                let linesChanged = storedLines != order.lines
                let differs = statusChanged || linesChanged || storedTotal != order.total
                    || (order.trackingNumber != nil && storedTracking != order.trackingNumber)
                    || (order.placedAt != nil && storedPlacedAt != order.placedAt)
                guard updatedAt > storedUpdatedAt || (updatedAt == storedUpdatedAt && differs) else {
                    try seen.execute(arguments: [now, ref])
                    counts.unchanged += 1
                    continue
                }
                let illegal = Self.illegalMoves(from: storedState, lines: storedLines, to: order)
                guard illegal.isEmpty else {
                    try seen.execute(arguments: [now, ref])
                    for detail in illegal {
                        if try Self.recordIncident(db, channel: channelName, orderID: id, kind: Self.illegalTransitionIncident,
                                                   detail: detail, at: now) {
                            counts.illegalTransitions += 1
                        }
                    }
                    continue
                }
                let reservedBefore = try Self.reservingUnits(db, orderRef: ref)
                try update.execute(arguments: [
                    order.state.rawValue, order.rawStatus, updatedAt, order.total?.minorUnits,
                    order.total?.currency.rawValue, order.trackingNumber, now, order.placedAt?.unixMilliseconds, ref,
                ])
                if linesChanged {
                    let decisions = try Self.lineDecisions(db, orderRef: ref)
                    try deleteLines.execute(arguments: [ref])
                    try Self.insertLines(db, order.lines, unmatched: unmatched, orderRef: ref, orderState: order.state,
                                         decisions: decisions)
                    counts.unmatchedLines += try Self.recordUnmatched(db, order, positions: unmatched, channel: channelName, at: now)
                } else if statusChanged {
                    try Self.refreshReservations(db, orderRef: ref, orderState: order.state)
                }
                let reservedAfter = try Self.reservingUnits(db, orderRef: ref)
                touched.formUnion(Self.changedSKUs(reservedBefore, reservedAfter))
                if statusChanged {
                    try Self.appendHistory(db, orderRef: ref, state: order.state, rawStatus: order.rawStatus, at: updatedAt)
                }
                counts.updated += 1
            }
            try Self.stampChanged(db, skus: touched)
            try db.execute(sql: """
                INSERT INTO order_cursors (channel, cursor) VALUES (?, ?)
                ON CONFLICT (channel) DO UPDATE SET cursor = MAX(cursor, excluded.cursor)
                """, arguments: [channelName, cursor.unixMilliseconds])
            return counts
        }
    }

    /// The moves a copy would make that `OrderTransitions` does not allow, each as an incident's detail: the
    /// order's own state, and each line the stored copy holds under the same channel id (by its effective state).
    static func illegalMoves(from storedState: OrderState, lines storedLines: [OrderLine], to copy: ChannelOrder) -> [String] {
        var moves: [String] = []
        if !OrderTransitions.isAllowed(from: storedState, to: copy.state) {
            moves.append("order: \(storedState) → \(copy.state) (raw status \"\(copy.rawStatus)\"); copy not applied, "
                         + "the order stays \(storedState)")
        }
        for line in copy.lines {
            guard let lineID = line.id, line.state != nil,
                  let stored = storedLines.first(where: { $0.id == lineID }) else { continue }
            let from = stored.effectiveState(orderState: storedState)
            let to = line.effectiveState(orderState: copy.state)
            if !OrderTransitions.isAllowed(from: from, to: to) {
                moves.append("line \(lineID): \(from) → \(to) (raw status \"\(line.rawStatus ?? copy.rawStatus)\"); "
                             + "copy not applied, the line stays \(from)")
            }
        }
        return moves
    }

    /// Stamps every product among `skus` with the next change sequence (taken once), so the next plan looks at it.
    static func stampChanged(_ db: Database, skus: Set<String>) throws {
        guard !skus.isEmpty else { return }
        let sequence = try nextChangeSequence(db)
        let stamp = try db.cachedStatement(sql: "UPDATE products SET change_seq = ? WHERE sku = ?")
        for sku in skus.sorted() {
            try stamp.execute(arguments: [sequence, sku])
        }
    }

    /// The SKUs whose reserved units differ between two readings of `reservingUnits`.
    static func changedSKUs(_ before: [String: Int64], _ after: [String: Int64]) -> Set<String> {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
    }

    /// Units an order's lines hold back now, per SKU.
    static func reservingUnits(_ db: Database, orderRef: Int64) throws -> [String: Int64] {
        var units: [String: Int64] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT sku, SUM(quantity) FROM order_lines WHERE order_ref = ? AND reserves = 1 GROUP BY sku
            """), arguments: [orderRef])
        while let row = try rows.next() {
            units[try row.string(0)] = try row.int64(1)
        }
        return units
    }

    /// Rewrites each line's `reserves` of an order from its state (or the order's) and its decision.
    static func refreshReservations(_ db: Database, orderRef: Int64, orderState: OrderState) throws {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT position, state, decision FROM order_lines WHERE order_ref = ?
            """), arguments: [orderRef])
        let update = try db.cachedStatement(sql: "UPDATE order_lines SET reserves = ? WHERE order_ref = ? AND position = ?")
        for row in rows {
            let line = OrderLine(sku: SKU(""), quantity: 0, state: try row.optionalString(1).map(Self.orderState(_:)))
            let reserves = line.reservesStock(orderState: orderState, refused: try row.optionalString(2) == refusedDecision)
            try update.execute(arguments: [reserves, orderRef, try row.int64(0)])
        }
    }

    /// The decisions recorded on an order's lines, by the channel's line id.
    static func lineDecisions(_ db: Database, orderRef: Int64) throws -> [String: String] {
        var decisions: [String: String] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT line_id, decision FROM order_lines WHERE order_ref = ? AND line_id IS NOT NULL AND decision IS NOT NULL
            """), arguments: [orderRef])
        while let row = try rows.next() {
            decisions[try row.string(0)] = try row.string(1)
        }
        return decisions
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

    /// The kind of incident a held-back copy records.
    static let illegalTransitionIncident = "illegal_transition"
    static let acceptedDecision = "accepted"
    static let refusedDecision = "refused"

    /// Inserts an order's lines at positions 0…, each with its `reserves` flag and the decision recorded for its
    /// channel id, if any.
    static func insertLines(_ db: Database, _ lines: [OrderLine], unmatched: [Int], orderRef: Int64, orderState: OrderState,
                            decisions: [String: String] = [:]) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO order_lines (order_ref, position, sku, quantity, unit_price_minor, currency, listing, matched,
                                     line_id, state, raw_status, decision, reserves)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, line) in lines.enumerated() {
            let decision = line.id.flatMap { decisions[$0] }
            let reserves = line.reservesStock(orderState: orderState, refused: decision == refusedDecision)
            try statement.execute(arguments: [orderRef, position, line.sku.rawValue, line.quantity,
                                              line.unitPrice?.minorUnits, line.unitPrice?.currency.rawValue, line.listing,
                                              !unmatched.contains(position), line.id, line.state?.rawValue, line.rawStatus,
                                              decision, reserves])
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
            SELECT sku, quantity, unit_price_minor, currency, listing, line_id, state, raw_status
            FROM order_lines WHERE order_ref = ? ORDER BY position
            """)
        var lines: [OrderLine] = []
        let rows = try Row.fetchCursor(statement, arguments: [orderRef])
        while let row = try rows.next() {
            lines.append(try line(row, from: 0))
        }
        return lines
    }

    /// A line from `sku, quantity, unit_price_minor, currency, listing, line_id, state, raw_status` at `from`.
    static func line(_ row: Row, from index: Int) throws -> OrderLine {
        OrderLine(sku: SKU(try row.string(index)), quantity: try row.int64(index + 1), unitPrice: try row.optionalMoney(index + 2),
                  listing: try row.optionalString(index + 4), id: try row.optionalString(index + 5),
                  state: try row.optionalString(index + 6).map(Self.orderState(_:)), rawStatus: try row.optionalString(index + 7))
    }

    /// Which stored orders `storedOrders` reads, and in what order.
    enum OrderSelection {
        /// Every order of the channel, by id.
        case all
        /// The one with this id.
        case one(String)
        /// Those in `pendingAcceptance` with no answer queued, oldest first.
        case awaitingAnswer
    }

    /// Orders of a channel with lines, decisions and history, in three queries whatever their number: orders, then
    /// all their lines, then all their history, stitched by the order's key.
    func storedOrders(_ db: Database, channel: ChannelID, orderID: String?) throws -> [StoredOrder] {
        try storedOrders(db, channel: channel, selection: orderID.map(OrderSelection.one) ?? .all)
    }

    func storedOrders(_ db: Database, channel: ChannelID, selection: OrderSelection) throws -> [StoredOrder] {
        let filter: String
        let arguments: StatementArguments
        let ordering: String
        switch selection {
        case .all:
            (filter, arguments, ordering) = ("o.channel = ?1", [channel.rawValue], "o.order_id")
        case let .one(id):
            (filter, arguments, ordering) = ("o.channel = ?1 AND o.order_id = ?2", [channel.rawValue, id], "o.order_id")
        case .awaitingAnswer:
            (filter, arguments, ordering) = (
                "o.channel = ?1 AND o.state = '\(OrderState.pendingAcceptance.rawValue)' AND o.answered_at IS NULL",
                [channel.rawValue], "COALESCE(o.placed_at, o.updated_at), o.order_id")
        }

        var lines: [Int64: [OrderLine]] = [:]
        var decisions: [Int64: [String: Bool]] = [:]
        let lineRows = try Row.fetchCursor(db, sql: """
            SELECT ol.order_ref, ol.sku, ol.quantity, ol.unit_price_minor, ol.currency, ol.listing, ol.line_id, ol.state,
                   ol.raw_status, ol.decision
            FROM order_lines ol JOIN orders o ON o.id = ol.order_ref
            WHERE \(filter) ORDER BY ol.order_ref, ol.position
            """, arguments: arguments)
        while let row = try lineRows.next() {
            let ref = try row.int64(0)
            let line = try Self.line(row, from: 1)
            lines[ref, default: []].append(line)
            if let id = line.id, let decision = try row.optionalString(9) {
                decisions[ref, default: [:]][id] = decision == Self.acceptedDecision
            }
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
                   o.tracking_number, o.placed_at, o.answer_kind, o.answered_at
            FROM orders o WHERE \(filter) ORDER BY \(ordering)
            """, arguments: arguments)
        while let row = try orderRows.next() {
            let ref = try row.int64(0)
            let order = ChannelOrder(id: try row.string(1), state: Self.orderState(try row.string(2)),
                                     rawStatus: try row.string(3), updatedAt: try row.date(4),
                                     lines: lines[ref] ?? [], total: try row.optionalMoney(5),
                                     trackingNumber: try row.optionalString(7), placedAt: try row.optionalDate(8))
            result.append(StoredOrder(channel: channel, order: order, history: history[ref] ?? [],
                                      answerKind: try row.optionalString(9).flatMap(OutboxKind.init(rawValue:)),
                                      answeredAt: try row.optionalDate(10), lineDecisions: decisions[ref] ?? [:]))
        }
        return result
    }

    /// A stored state; one written by a newer version that this one does not know reads as `.unknown`.
    static func orderState(_ text: String) -> OrderState {
        OrderState(rawValue: text) ?? .unknown
    }
}
