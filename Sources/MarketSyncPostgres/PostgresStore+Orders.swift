public import Foundation
public import MarketSync
internal import PostgresNIO

extension PostgresStore: OrderStore {
    static let unmatchedLineIncident = "unmatched_line"
    static let illegalTransitionIncident = "illegal_transition"
    static let acceptedDecision = "accepted"
    static let refusedDecision = "refused"

    /// How far `channel`'s orders have been read, or nil before the first pull.
    public func orderCursor(for channel: ChannelID) async throws -> Date? {
        try await read("read the order cursor") { connection in
            try await connection.rows("SELECT cursor FROM order_cursors WHERE channel = \(channel.rawValue)", logger: self.logger)
                .first.map { Date(unixMilliseconds: try $0.decode(Int64.self)) }
        }
    }

    /// Stores a window of `channel`'s orders and moves its cursor, in one transaction, by the rules
    /// `SQLiteStore.storeOrders(_:channel:cursor:at:)` documents: the latest copy of an id wins, an older copy
    /// changes nothing, one as recent replaces only when it differs, an illegal move is held back whole with an
    /// incident, each line's reservation follows its state and decision, changed reservations stamp the SKUs, and the
    /// cursor becomes the greater of the stored one and `cursor`. Each stored order's row is locked while it is
    /// compared (`FOR UPDATE`), so two writers cannot interleave on one order.
    public func storeOrders(_ orders: [ChannelOrder], channel: ChannelID, cursor: Date, at date: Date) async throws -> OrderStoreCounts {
        try await write("store orders") { connection in
            let now = date.unixMilliseconds
            let name = channel.rawValue
            var latest: [String: ChannelOrder] = [:]
            var firstSeen: [String] = []
            for order in orders {
                if let kept = latest[order.id] {
                    if order.updatedAt >= kept.updatedAt { latest[order.id] = order }
                } else {
                    latest[order.id] = order
                    firstSeen.append(order.id)
                }
            }
            var counts = OrderStoreCounts()
            var touched = Set<String>()
            for id in firstSeen {
                guard var order = latest[id] else { continue }
                var unmatched: [Int] = []
                for index in order.lines.indices {
                    let (line, matched) = try await self.link(connection, order.lines[index], channel: name)
                    order.lines[index] = line
                    if !matched { unmatched.append(index) }
                }
                let updatedAt = order.updatedAt.unixMilliseconds
                guard let row = try await connection.rows("""
                    SELECT id, state, raw_status, updated_at, total_minor, total_currency, tracking_number, placed_at
                    FROM orders WHERE channel = \(name) AND order_id = \(id) FOR UPDATE
                    """, logger: self.logger).first else {
                    guard let ref = try await connection.rows("""
                        INSERT INTO orders (channel, order_id, state, raw_status, updated_at, total_minor, total_currency, tracking_number,
                                            first_seen_at, last_seen_at, placed_at)
                        VALUES (\(name), \(id), \(order.state.rawValue), \(order.rawStatus), \(updatedAt), \(order.total?.minorUnits),
                                \(order.total?.currency.rawValue), \(order.trackingNumber), \(now), \(now), \(order.placedAt?.unixMilliseconds))
                        RETURNING id
                        """, logger: self.logger).first?.decode(Int64.self) else { throw self.corrupt("order id") }
                    try await self.insertLines(connection, order.lines, unmatched: unmatched, orderRef: ref, orderState: order.state)
                    counts.unmatchedLines += try await self.recordUnmatched(connection, order, positions: unmatched, channel: name, at: now)
                    touched.formUnion(try await self.reservingUnits(connection, orderRef: ref).keys)
                    try await self.appendHistory(connection, orderRef: ref, state: order.state, rawStatus: order.rawStatus, at: updatedAt)
                    counts.new += 1
                    continue
                }
                let (ref, stateText, storedRaw, storedUpdatedAt, totalMinor, totalCurrency, storedTracking, storedPlaced)
                    = try row.decode((Int64, String, String, Int64, Int64?, String?, String?, Int64?).self)
                let storedState = Self.orderState(stateText)
                let storedTotal = totalMinor.flatMap { minor in totalCurrency.map { Money(minorUnits: minor, currency: Currency(rawValue: $0)) } }
                let statusChanged = storedState.rawValue != order.state.rawValue || storedRaw != order.rawStatus
                let storedLines = try await self.storedLines(connection, orderRef: ref)
                let linesChanged = storedLines != order.lines
                let differs = statusChanged || linesChanged || storedTotal != order.total
                    || (order.trackingNumber != nil && storedTracking != order.trackingNumber)
                    || (order.placedAt != nil && storedPlaced != order.placedAt?.unixMilliseconds)
                guard updatedAt > storedUpdatedAt || (updatedAt == storedUpdatedAt && differs) else {
                    try await connection.run("UPDATE orders SET last_seen_at = \(now) WHERE id = \(ref)", logger: self.logger)
                    counts.unchanged += 1
                    continue
                }
                let illegal = Self.illegalMoves(from: storedState, lines: storedLines, to: order)
                guard illegal.isEmpty else {
                    try await connection.run("UPDATE orders SET last_seen_at = \(now) WHERE id = \(ref)", logger: self.logger)
                    for detail in illegal {
                        if try await self.recordIncident(connection, channel: name, orderID: id, kind: Self.illegalTransitionIncident,
                                                         detail: detail, at: now) {
                            counts.illegalTransitions += 1
                        }
                    }
                    continue
                }
                let reservedBefore = try await self.reservingUnits(connection, orderRef: ref)
                try await connection.run("""
                    UPDATE orders SET state = \(order.state.rawValue), raw_status = \(order.rawStatus), updated_at = \(updatedAt),
                        total_minor = \(order.total?.minorUnits), total_currency = \(order.total?.currency.rawValue),
                        tracking_number = COALESCE(\(order.trackingNumber), tracking_number), last_seen_at = \(now),
                        placed_at = COALESCE(\(order.placedAt?.unixMilliseconds), placed_at)
                    WHERE id = \(ref)
                    """, logger: self.logger)
                if linesChanged {
                    let decisions = try await self.lineDecisions(connection, orderRef: ref)
                    try await connection.run("DELETE FROM order_lines WHERE order_ref = \(ref)", logger: self.logger)
                    try await self.insertLines(connection, order.lines, unmatched: unmatched, orderRef: ref, orderState: order.state,
                                               decisions: decisions)
                    counts.unmatchedLines += try await self.recordUnmatched(connection, order, positions: unmatched, channel: name, at: now)
                } else if statusChanged {
                    try await self.refreshReservations(connection, orderRef: ref, orderState: order.state)
                }
                let reservedAfter = try await self.reservingUnits(connection, orderRef: ref)
                touched.formUnion(Set(reservedBefore.keys).union(reservedAfter.keys).filter { reservedBefore[$0] != reservedAfter[$0] })
                if statusChanged {
                    try await self.appendHistory(connection, orderRef: ref, state: order.state, rawStatus: order.rawStatus, at: updatedAt)
                }
                counts.updated += 1
            }
            try await self.stampChanged(connection, skus: touched)
            try await connection.run("""
                INSERT INTO order_cursors (channel, cursor) VALUES (\(name), \(cursor.unixMilliseconds))
                ON CONFLICT (channel) DO UPDATE SET cursor = GREATEST(order_cursors.cursor, excluded.cursor)
                """, logger: self.logger)
            return counts
        }
    }

    /// One stored order of `channel`, or nil.
    public func order(_ id: String, channel: ChannelID) async throws -> StoredOrder? {
        try await read("read an order") { connection in
            try await self.storedOrders(connection, channel: channel, selection: .one(id)).first
        }
    }

    /// Every stored order of `channel`, ordered by id.
    public func orders(for channel: ChannelID) async throws -> [StoredOrder] {
        try await read("read orders") { connection in
            try await self.storedOrders(connection, channel: channel, selection: .all)
        }
    }

    // MARK: - Lines, history, incidents

    /// The moves a copy would make that `OrderTransitions` does not allow, each as an incident's detail (the same
    /// text `SQLiteStore` records).
    static func illegalMoves(from storedState: OrderState, lines storedLines: [OrderLine], to copy: ChannelOrder) -> [String] {
        var moves: [String] = []
        if !OrderTransitions.isAllowed(from: storedState, to: copy.state) {
            moves.append("order: \(storedState) → \(copy.state) (raw status \"\(copy.rawStatus)\"); copy not applied, "
                         + "the order stays \(storedState)")
        }
        for line in copy.lines {
            guard let lineID = line.id, line.state != nil, let stored = storedLines.first(where: { $0.id == lineID }) else { continue }
            let from = stored.effectiveState(orderState: storedState)
            let to = line.effectiveState(orderState: copy.state)
            if !OrderTransitions.isAllowed(from: from, to: to) {
                moves.append("line \(lineID): \(from) → \(to) (raw status \"\(line.rawStatus ?? copy.rawStatus)\"); "
                             + "copy not applied, the line stays \(from)")
            }
        }
        return moves
    }

    /// The line with its SKU set to the catalog's (by the merchant's code, else by the channel's listing id), and
    /// whether a product matched.
    func link(_ connection: PostgresConnection, _ line: OrderLine, channel: String) async throws -> (OrderLine, Bool) {
        if try await connection.run("SELECT 1 FROM products WHERE sku = \(line.sku.rawValue)", logger: logger) > 0 { return (line, true) }
        if let listing = line.listing, let sku = try await connection.rows("""
            SELECT p.sku FROM listings l JOIN products p ON p.id = l.product_id
            WHERE l.channel = \(channel) AND l.external_id = \(listing) ORDER BY p.id LIMIT 1
            """, logger: logger).first?.decode(String.self) {
            var linked = line
            linked.sku = SKU(sku)
            return (linked, true)
        }
        return (line, false)
    }

    /// What an incident says about an unmatched line (the same text `SQLiteStore` records).
    static func incidentDetail(_ line: OrderLine, position: Int) -> String {
        "line \(position + 1): SKU \(line.sku) and listing \(line.listing ?? "(none)") match no product in the catalog"
    }

    /// Records an open incident once; true when it is new.
    func recordIncident(_ connection: PostgresConnection, channel: String, orderID: String, kind: String, detail: String, at: Int64) async throws -> Bool {
        try await connection.run("""
            INSERT INTO order_incidents (channel, order_id, kind, detail, at) VALUES (\(channel), \(orderID), \(kind), \(detail), \(at))
            ON CONFLICT (channel, order_id, kind, detail) DO NOTHING RETURNING 1
            """, logger: logger) > 0
    }

    func recordUnmatched(_ connection: PostgresConnection, _ order: ChannelOrder, positions: [Int], channel: String, at now: Int64) async throws -> Int {
        var new = 0
        for position in positions {
            if try await recordIncident(connection, channel: channel, orderID: order.id, kind: Self.unmatchedLineIncident,
                                        detail: Self.incidentDetail(order.lines[position], position: position), at: now) {
                new += 1
            }
        }
        return new
    }

    func insertLines(_ connection: PostgresConnection, _ lines: [OrderLine], unmatched: [Int], orderRef: Int64, orderState: OrderState,
                     decisions: [String: String] = [:]) async throws {
        for (position, line) in lines.enumerated() {
            let decision = line.id.flatMap { decisions[$0] }
            let reserves = line.reservesStock(orderState: orderState, refused: decision == Self.refusedDecision)
            try await connection.run("""
                INSERT INTO order_lines (order_ref, position, sku, quantity, unit_price_minor, currency, listing, matched, line_id, state,
                                         raw_status, decision, reserves)
                VALUES (\(orderRef), \(position), \(line.sku.rawValue), \(line.quantity), \(line.unitPrice?.minorUnits),
                        \(line.unitPrice?.currency.rawValue), \(line.listing), \(!unmatched.contains(position)), \(line.id),
                        \(line.state?.rawValue), \(line.rawStatus), \(decision), \(reserves))
                """, logger: logger)
        }
    }

    func appendHistory(_ connection: PostgresConnection, orderRef: Int64, state: OrderState, rawStatus: String, at: Int64) async throws {
        try await connection.run("""
            INSERT INTO order_status_history (order_ref, state, raw_status, at) VALUES (\(orderRef), \(state.rawValue), \(rawStatus), \(at))
            """, logger: logger)
    }

    func storedLines(_ connection: PostgresConnection, orderRef: Int64) async throws -> [OrderLine] {
        try await connection.rows("""
            SELECT sku, quantity, unit_price_minor, currency, listing, line_id, state, raw_status
            FROM order_lines WHERE order_ref = \(orderRef) ORDER BY position
            """, logger: logger).map { try Self.line($0) }
    }

    /// A line from `sku, quantity, unit_price_minor, currency, listing, line_id, state, raw_status`.
    static func line(_ row: PostgresRow) throws -> OrderLine {
        let (sku, quantity, minor, currency, listing, id, state, raw)
            = try row.decode((String, Int64, Int64?, String?, String?, String?, String?, String?).self)
        return OrderLine(sku: SKU(sku), quantity: quantity,
                         unitPrice: minor.flatMap { minor in currency.map { Money(minorUnits: minor, currency: Currency(rawValue: $0)) } },
                         listing: listing, id: id, state: state.map(orderState), rawStatus: raw)
    }

    /// Units an order's lines hold back now, per SKU.
    func reservingUnits(_ connection: PostgresConnection, orderRef: Int64) async throws -> [String: Int64] {
        var units: [String: Int64] = [:]
        for row in try await connection.rows("""
            SELECT sku, SUM(quantity)::BIGINT FROM order_lines WHERE order_ref = \(orderRef) AND reserves GROUP BY sku
            """, logger: logger) {
            let (sku, quantity) = try row.decode((String, Int64).self)
            units[sku] = quantity
        }
        return units
    }

    /// Rewrites each line's `reserves` of an order from its state (or the order's) and its decision.
    func refreshReservations(_ connection: PostgresConnection, orderRef: Int64, orderState: OrderState) async throws {
        for row in try await connection.rows("SELECT position, state, decision FROM order_lines WHERE order_ref = \(orderRef)", logger: logger) {
            let (position, state, decision) = try row.decode((Int, String?, String?).self)
            let line = OrderLine(sku: SKU(""), quantity: 0, state: state.map(Self.orderState))
            let reserves = line.reservesStock(orderState: orderState, refused: decision == Self.refusedDecision)
            try await connection.run("UPDATE order_lines SET reserves = \(reserves) WHERE order_ref = \(orderRef) AND position = \(position)",
                                     logger: logger)
        }
    }

    /// The decisions recorded on an order's lines, by the channel's line id.
    func lineDecisions(_ connection: PostgresConnection, orderRef: Int64) async throws -> [String: String] {
        var decisions: [String: String] = [:]
        for row in try await connection.rows("""
            SELECT line_id, decision FROM order_lines WHERE order_ref = \(orderRef) AND line_id IS NOT NULL AND decision IS NOT NULL
            """, logger: logger) {
            let (id, decision) = try row.decode((String, String).self)
            decisions[id] = decision
        }
        return decisions
    }

    /// Which stored orders `storedOrders` reads, and in what order.
    enum OrderSelection {
        case all
        case one(String)
        case awaitingAnswer
    }

    /// Orders of a channel with lines, decisions and history, in three queries whatever their number.
    func storedOrders(_ connection: PostgresConnection, channel: ChannelID, selection: OrderSelection) async throws -> [StoredOrder] {
        let id: String? = if case let .one(id) = selection { id } else { nil }
        let awaiting: Bool = if case .awaitingAnswer = selection { true } else { false }
        let name = channel.rawValue
        let pending = OrderState.pendingAcceptance.rawValue
        func filtered(_ head: String, _ tail: String) -> PostgresQuery {
            """
            \(unescaped: head) WHERE o.channel = \(name) AND (\(id)::text IS NULL OR o.order_id = \(id))
                AND (NOT \(awaiting) OR (o.state = \(pending) AND o.answered_at IS NULL)) \(unescaped: tail)
            """
        }
        var lines: [Int64: [OrderLine]] = [:]
        var decisions: [Int64: [String: Bool]] = [:]
        var query = filtered("""
            SELECT ol.order_ref, ol.decision, ol.sku, ol.quantity, ol.unit_price_minor, ol.currency, ol.listing, ol.line_id, ol.state,
                   ol.raw_status
            FROM order_lines ol JOIN orders o ON o.id = ol.order_ref
            """, "ORDER BY ol.order_ref, ol.position")
        for row in try await connection.rows(query, logger: logger) {
            let columns = row.makeRandomAccess()
            let ref = try columns[0].decode(Int64.self)
            let decision = try columns[1].decode(String?.self)
            let line = OrderLine(sku: SKU(try columns[2].decode(String.self)), quantity: try columns[3].decode(Int64.self),
                                 unitPrice: try columns[4].decode(Int64?.self).flatMap { minor in
                                     try columns[5].decode(String?.self).map { Money(minorUnits: minor, currency: Currency(rawValue: $0)) }
                                 },
                                 listing: try columns[6].decode(String?.self), id: try columns[7].decode(String?.self),
                                 state: try columns[8].decode(String?.self).map(Self.orderState), rawStatus: try columns[9].decode(String?.self))
            lines[ref, default: []].append(line)
            if let lineID = line.id, let decision {
                decisions[ref, default: [:]][lineID] = decision == Self.acceptedDecision
            }
        }
        var history: [Int64: [OrderStatusChange]] = [:]
        query = filtered("SELECT h.order_ref, h.state, h.raw_status, h.at FROM order_status_history h JOIN orders o ON o.id = h.order_ref",
                         "ORDER BY h.order_ref, h.id")
        for row in try await connection.rows(query, logger: logger) {
            let (ref, state, raw, at) = try row.decode((Int64, String, String, Int64).self)
            history[ref, default: []].append(OrderStatusChange(state: Self.orderState(state), rawStatus: raw, at: Date(unixMilliseconds: at)))
        }
        query = filtered("""
            SELECT o.id, o.order_id, o.state, o.raw_status, o.updated_at, o.total_minor, o.total_currency, o.tracking_number, o.placed_at,
                   o.answer_kind, o.answered_at
            FROM orders o
            """, awaiting ? "ORDER BY COALESCE(o.placed_at, o.updated_at), o.order_id" : "ORDER BY o.order_id")
        var result: [StoredOrder] = []
        for row in try await connection.rows(query, logger: logger) {
            let columns = row.makeRandomAccess()
            let ref = try columns[0].decode(Int64.self)
            let total = try columns[5].decode(Int64?.self).flatMap { minor in
                try columns[6].decode(String?.self).map { Money(minorUnits: minor, currency: Currency(rawValue: $0)) }
            }
            let order = ChannelOrder(id: try columns[1].decode(String.self), state: Self.orderState(try columns[2].decode(String.self)),
                                     rawStatus: try columns[3].decode(String.self),
                                     updatedAt: Date(unixMilliseconds: try columns[4].decode(Int64.self)), lines: lines[ref] ?? [],
                                     total: total, trackingNumber: try columns[7].decode(String?.self),
                                     placedAt: try columns[8].decode(Int64?.self).map(Date.init(unixMilliseconds:)))
            result.append(StoredOrder(channel: channel, order: order, history: history[ref] ?? [],
                                      answerKind: try columns[9].decode(String?.self).flatMap(OutboxKind.init(rawValue:)),
                                      answeredAt: try columns[10].decode(Int64?.self).map(Date.init(unixMilliseconds:)),
                                      lineDecisions: decisions[ref] ?? [:]))
        }
        return result
    }

    /// A stored state; one this version does not know reads as `.unknown`.
    static func orderState(_ text: String) -> OrderState {
        OrderState(rawValue: text) ?? .unknown
    }
}
