internal import GRDB
internal import MarketSync

/// Reads `PlanningInput` from the store in a few ordered scans, one per table, never a query per product.
///
/// Products come first, in SKU order (the unique index on `sku`); they fix each product's position, and every
/// later scan (reservations, lots, listings, acknowledged offers, pending outbox entries, approvals) writes
/// into that position by product id. Lots are bucketed by position with a counting sort, so they are read in
/// one pass in table order and still come out grouped per SKU, in import order within a SKU.
///
/// An incremental read (`Selection.changed`) runs the same scans restricted to the selected product ids.
struct PlanningInputReader {
    /// Which products to read.
    enum Selection {
        /// Every product.
        case all
        /// Products whose `change_seq` is above `since`, plus those with a lot expiring before the instant
        /// `expiringBefore` (Unix milliseconds) when given.
        case changed(since: Int64, expiringBefore: Int64?)
    }

    let channels: [ChannelID]
    let selection: Selection
    /// Where the store lives, for errors.
    let path: String

    private static let millisecondsPerDay: Int64 = 86_400_000

    // MARK: - Selection

    /// `AND <column> IN (<selected ids>)`, or nothing when every product is read.
    private func filter(_ column: String) -> String {
        switch selection {
        case .all:
            return ""
        case let .changed(_, expiringBefore):
            var selected = "SELECT id FROM products WHERE change_seq > ?1"
            if expiringBefore != nil {
                selected += " UNION SELECT product_id FROM stock_lots WHERE expires_on < ?2"
            }
            return " AND \(column) IN (\(selected))"
        }
    }

    /// The selection's arguments, as ?1 and ?2.
    private var selectionArguments: [(any DatabaseValueConvertible)?] {
        switch selection {
        case .all: return [nil, nil]
        case let .changed(since, expiringBefore): return [since, expiringBefore]
        }
    }

    /// Arguments for SQL built with `filter`; `extra` become ?3, ?4, ...
    private func arguments(_ extra: [(any DatabaseValueConvertible)?] = []) -> [(any DatabaseValueConvertible)?] {
        selectionArguments + extra
    }

    // MARK: - Catalog

    /// Products in SKU order, with reservations and lots.
    func readCatalog(_ db: Database) throws -> CatalogPart {
        var skus: [SKUState] = []
        var ids: [Int64] = []
        if case .all = selection {
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products") ?? 0
            skus.reserveCapacity(count)
            ids.reserveCapacity(count)
        }
        try db.forEachRawRow(sql: """
            SELECT id, sku, base_price_minor FROM products WHERE 1\(filter("id")) ORDER BY sku
            """, arguments: arguments()) { row in
            guard let sku = row.text(1) else { throw corrupt("SKU") }
            ids.append(row.int64(0))
            skus.append(SKUState(sku: SKU(sku), basePriceMinor: row.int64(2), reserved: 0, lotStart: 0, lotCount: 0))
        }
        let positions = ProductPositions(idsInOrder: ids)

        try db.forEachRawRow(sql: """
            SELECT p.id, SUM(ol.quantity)
            FROM orders o JOIN order_lines ol ON ol.order_ref = o.id JOIN products p ON p.sku = ol.sku
            WHERE o.state IN (\(SQLiteStore.reservingStatesSQL))\(filter("p.id"))
            GROUP BY p.id
            """, arguments: arguments()) { row in
            if let position = positions[row.int64(0)] { skus[position].reserved = row.int64(1) }
        }

        let (lots, warehouses) = try readLots(db, positions: positions, skus: &skus)
        return CatalogPart(skus: skus, positions: positions, lots: lots, warehouses: warehouses)
    }

    /// Every selected lot, grouped by SKU position (counting sort over one scan in table order).
    private func readLots(_ db: Database, positions: ProductPositions, skus: inout [SKUState]) throws
        -> ([LotState], [String])
    {
        var owners: [Int32] = []
        var unsorted: [LotState] = []
        if case .all = selection {
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stock_lots") ?? 0
            owners.reserveCapacity(count)
            unsorted.reserveCapacity(count)
        }
        var warehouses = WarehouseNames()
        // A full read scans lots in table order (the counting sort groups them); an incremental one reads few.
        let order: String
        if case .all = selection { order = "" } else { order = " ORDER BY product_id, id" }
        try db.forEachRawRow(sql: """
            SELECT product_id, warehouse, quantity, expires_on, produced_on FROM stock_lots
            WHERE 1\(filter("product_id"))\(order)
            """, arguments: arguments()) { row in
            guard let position = positions[row.int64(0)] else { return }
            guard let warehouse = row.withText(1, { bytes in bytes.map { warehouses.index($0) } }) else {
                throw corrupt("warehouse")
            }
            owners.append(Int32(truncatingIfNeeded: position))
            unsorted.append(LotState(warehouse: warehouse, quantity: row.int64(2),
                                     expiresOnDay: row.optionalInt64(3).map(Self.day),
                                     producedOnDay: row.optionalInt64(4).map(Self.day)))
        }
        // Counting sort by position; stable, so lots of one SKU keep their table (import) order.
        var counts = [Int32](repeating: 0, count: skus.count + 1)
        for owner in owners { counts[Int(owner) + 1] += 1 }
        for index in 0..<skus.count {
            skus[index].lotStart = counts[index]
            skus[index].lotCount = counts[index + 1]
            counts[index + 1] += counts[index]
        }
        var lots = unsorted
        var next = counts
        for (owner, lot) in zip(owners, unsorted) {
            lots[Int(next[Int(owner)])] = lot
            next[Int(owner)] += 1
        }
        return (lots, warehouses.names)
    }

    // MARK: - Offers

    /// Each channel's listing, acknowledged, pending and approved values, aligned with the catalog's positions.
    func readOffers(_ db: Database, positions: ProductPositions, count: Int, channels indices: Range<Int>) throws
        -> [ChannelOfferStates]
    {
        var states = indices.map { _ in [OfferState](repeating: OfferState(listing: nil), count: count) }
        let selected = Array(channels[indices])
        let names = ChannelNames(selected)
        let channelList = selected.indices.map { "?\($0 + 3)" }.joined(separator: ", ")
        let channelArguments: [(any DatabaseValueConvertible)?] = selected.map(\.rawValue)

        try db.forEachRawRow(sql: """
            SELECT product_id, channel, external_id FROM listings
            WHERE channel IN (\(channelList))\(filter("product_id"))
            """, arguments: arguments(channelArguments)) { row in
            guard let position = positions[row.int64(0)],
                  let channel = row.withText(1, { $0.flatMap(names.index) }) else { return }
            states[channel][position].listing = row.text(2)
        }

        for (channel, id) in selected.enumerated() {
            try states[channel].withUnsafeMutableBufferPointer { offers in
                try db.forEachRawRow(sql: """
                    SELECT product_id, quantity, price_minor FROM acknowledged_offers
                    WHERE channel = ?3\(filter("product_id"))
                    """, arguments: arguments([id.rawValue])) { row in
                    guard let position = positions[row.int64(0)] else { return }
                    offers[position].acknowledgedQuantity = row.optionalInt64(1)
                    offers[position].acknowledgedPriceMinor = row.optionalInt64(2)
                }
            }
        }

        try db.forEachRawRow(sql: """
            SELECT p.id, o.channel, o.kind, o.quantity, o.price_minor
            FROM outbox o JOIN products p ON p.sku = o.key
            WHERE o.status = 'pending' AND o.kind IN ('stock', 'price') AND o.channel IN (\(channelList))\(filter("p.id"))
            """, arguments: arguments(channelArguments)) { row in
            guard let position = positions[row.int64(0)],
                  let channel = row.withText(1, { $0.flatMap(names.index) }) else { return }
            let isStock = row.withText(2) { $0.map { $0.first == UInt8(ascii: "s") } } ?? false
            if isStock {
                states[channel][position].pendingQuantity = row.optionalInt64(3)
            } else {
                states[channel][position].pendingPriceMinor = row.optionalInt64(4)
            }
        }

        try db.forEachRawRow(sql: """
            SELECT product_id, channel, price_minor FROM price_approvals
            WHERE channel IN (\(channelList))\(filter("product_id"))
            """, arguments: arguments(channelArguments)) { row in
            guard let position = positions[row.int64(0)],
                  let channel = row.withText(1, { $0.flatMap(names.index) }) else { return }
            states[channel][position].approvedPriceMinor = row.int64(2)
        }
        return zip(selected, states).map { ChannelOfferStates(channel: $0, states: $1) }
    }

    // MARK: - Helpers

    /// Days since 1970-01-01 (UTC) of an instant in Unix milliseconds, rounded down (before 1970 too), clamped.
    static func day(_ milliseconds: Int64) -> Int32 {
        var days = milliseconds / millisecondsPerDay
        if milliseconds % millisecondsPerDay < 0 { days -= 1 }
        return Int32(clamping: days)
    }

    private func corrupt(_ what: String) -> MarketSyncError {
        MarketSyncError(.store, "the store at \(path) holds an invalid \(what)", file: path)
    }
}

/// What the catalog scans produce: SKUs in order, the position of each product id, lots and warehouse names.
struct CatalogPart {
    var skus: [SKUState]
    var positions: ProductPositions
    var lots: [LotState]
    var warehouses: [String]
}

/// Product id → position in the SKU-ordered output. Ids are SQLite rowids, dense in practice: an array indexed
/// by id when they are, a dictionary when they are not.
struct ProductPositions: Sendable {
    private let dense: [Int32]
    private let sparse: [Int64: Int32]

    init(idsInOrder ids: [Int64]) {
        let maximum = ids.max() ?? 0
        let minimum = ids.min() ?? 0
        if minimum >= 0 && maximum <= Int64(ids.count) * 2 + 1_024 {
            var dense = [Int32](repeating: -1, count: Int(maximum) + 1)
            for (position, id) in ids.enumerated() { dense[Int(id)] = Int32(truncatingIfNeeded: position) }
            self.dense = dense
            self.sparse = [:]
        } else {
            var sparse: [Int64: Int32] = [:]
            sparse.reserveCapacity(ids.count)
            for (position, id) in ids.enumerated() { sparse[id] = Int32(truncatingIfNeeded: position) }
            self.dense = []
            self.sparse = sparse
        }
    }

    /// The position of product `id`, nil when it was not selected.
    subscript(id: Int64) -> Int? {
        if !dense.isEmpty {
            guard id >= 0 && id < Int64(dense.count) else { return nil }
            let position = dense[Int(id)]
            return position < 0 ? nil : Int(position)
        }
        return sparse[id].map(Int.init)
    }
}

/// Interns warehouse names by their bytes, without building a `String` for a name already seen.
private struct WarehouseNames {
    private(set) var names: [String] = []
    private var bytes: [[UInt8]] = []
    private var last = -1

    mutating func index(_ text: UnsafeBufferPointer<UInt8>) -> Int32 {
        if last >= 0 && bytes[last].elementsEqual(text) { return Int32(last) }
        for (index, name) in bytes.enumerated() where name.elementsEqual(text) {
            last = index
            return Int32(index)
        }
        names.append(String(decoding: text, as: UTF8.self))
        bytes.append(Array(text))
        last = bytes.count - 1
        return Int32(last)
    }
}

/// The requested channels by their name's bytes (a handful: a linear search beats hashing a new `String`).
private struct ChannelNames {
    private let bytes: [[UInt8]]
    init(_ channels: [ChannelID]) { bytes = channels.map { Array($0.rawValue.utf8) } }
    func index(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        bytes.firstIndex { $0.elementsEqual(text) }
    }
}
