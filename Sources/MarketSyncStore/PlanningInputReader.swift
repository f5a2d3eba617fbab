internal import GRDB
internal import MarketSync

/// Reads `PlanningInput` in a few ordered scans, one per table (per channel for listings and offers), never a
/// query per product.
///
/// Positions come first: the product ids in SKU order, from the covering unique index on `sku`. Every later scan
/// (products, reservations, lots, one channel's listings, its acknowledged offers, pending entries, approvals)
/// writes into a product's position by its id, so the scans can run in table order, on several connections of
/// one snapshot, and nothing is sorted in Swift. Lots are bucketed by position with a counting sort: one pass in
/// table order, grouped per SKU, in import order within a SKU.
///
/// An incremental read (`Selection.changed`) runs the same scans restricted to the selected product ids.
struct PlanningInputReader: Sendable {
    /// Which products to read.
    enum Selection: Sendable {
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

    /// The same selection as a condition on a `products` row aliased `alias`, for queries that reach products
    /// through a join (an `IN (subquery)` there can be re-run for every joined row).
    private func productFilter(_ alias: String) -> String {
        switch selection {
        case .all:
            return ""
        case let .changed(_, expiringBefore):
            guard expiringBefore != nil else { return " AND \(alias).change_seq > ?1" }
            return """
                 AND (\(alias).change_seq > ?1
                      OR EXISTS (SELECT 1 FROM stock_lots l WHERE l.product_id = \(alias).id AND l.expires_on < ?2))
                """
        }
    }

    /// Arguments for SQL built with `filter` (?1, ?2); `extra` become ?3, ?4, ...
    private func arguments(_ extra: [(any DatabaseValueConvertible)?] = []) -> [(any DatabaseValueConvertible)?] {
        switch selection {
        case .all: return [nil, nil] + extra
        case let .changed(since, expiringBefore): return [since, expiringBefore] + extra
        }
    }

    // MARK: - Catalog

    /// The selected product ids in SKU order (SQLite's binary order of the UTF-8 text).
    func readPositions(_ db: Database) throws -> ProductPositions {
        var ids: [Int64] = []
        if case .all = selection { ids.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products") ?? 0) }
        let rows = try db.rawRows(sql: "SELECT id FROM products WHERE 1\(filter("id")) ORDER BY sku",
                                  arguments: arguments())
        while try rows.step() { ids.append(rows.int64(0)) }
        return ProductPositions(idsInOrder: ids)
    }

    /// SKUs with base prices and reservations, and their lots.
    func readCatalog(_ db: Database, positions: ProductPositions) throws -> CatalogPart {
        var skus = [SKUState](repeating: SKUState(sku: SKU(""), basePriceMinor: 0, reserved: 0, lotStart: 0, lotCount: 0),
                              count: positions.count)
        var filled = 0
        let products = try db.rawRows(sql: "SELECT id, sku, base_price_minor FROM products WHERE 1\(filter("id"))",
                                      arguments: arguments())
        while try products.step() {
            guard let position = positions[products.int64(0)] else { continue }
            guard let sku = products.text(1) else { throw corrupt("SKU") }
            skus[position].sku = SKU(sku)
            skus[position].basePriceMinor = products.int64(2)
            filled += 1
        }
        // Same snapshot as the positions: a mismatch means the file changed under a read transaction.
        guard filled == positions.count else { throw corrupt("product list") }

        // Reservations aggregated by SKU first (few open orders), then matched to products by the SKU index.
        let reserved = try db.rawRows(sql: """
            SELECT p.id, r.reserved
            FROM (SELECT ol.sku AS sku, SUM(ol.quantity) AS reserved
                  FROM orders o JOIN order_lines ol ON ol.order_ref = o.id
                  WHERE o.state IN (\(SQLiteStore.reservingStatesSQL))
                  GROUP BY ol.sku) r
            JOIN products p ON p.sku = r.sku
            WHERE 1\(productFilter("p"))
            """, arguments: arguments())
        while try reserved.step() {
            if let position = positions[reserved.int64(0)] { skus[position].reserved = reserved.int64(1) }
        }

        let (lots, warehouses) = try readLots(db, positions: positions, skus: &skus)
        return CatalogPart(skus: skus, lots: lots, warehouses: warehouses)
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
        // In table order (rowid), which within one product is import order.
        let rows = try db.rawRows(sql: """
            SELECT product_id, warehouse, quantity, expires_on, produced_on FROM stock_lots
            WHERE 1\(filter("product_id")) ORDER BY rowid
            """, arguments: arguments())
        while try rows.step() {
            guard let position = positions[rows.int64(0)] else { continue }
            guard let name = rows.bytes(1) else { throw corrupt("warehouse") }
            owners.append(Int32(truncatingIfNeeded: position))
            unsorted.append(LotState(warehouse: warehouses.index(name), quantity: rows.int64(2),
                                     expiresOnDay: rows.optionalInt64(3).map(Self.day),
                                     producedOnDay: rows.optionalInt64(4).map(Self.day)))
        }
        // Counting sort by position; stable, so lots of one SKU keep their table order.
        var next = [Int32](repeating: 0, count: skus.count + 1)
        for owner in owners { next[Int(owner) + 1] += 1 }
        for index in 0..<skus.count {
            skus[index].lotStart = next[index]
            skus[index].lotCount = next[index + 1]
            next[index + 1] += next[index]
        }
        var lots = unsorted
        for (owner, lot) in zip(owners, unsorted) {
            lots[Int(next[Int(owner)])] = lot
            next[Int(owner)] += 1
        }
        return (lots, warehouses.names)
    }

    // MARK: - Offers

    /// One channel's listings and acknowledged values, by position: two range scans in product order (the
    /// `listings_by_channel` index and the primary key of `acknowledged_offers`).
    func readChannel(_ db: Database, _ channel: ChannelID, positions: ProductPositions) throws -> ChannelOfferStates {
        var states = [OfferState](repeating: OfferState(listing: nil), count: positions.count)
        try states.withUnsafeMutableBufferPointer { states in
            let listings = try db.rawRows(sql: """
                SELECT product_id, external_id FROM listings WHERE channel = ?3\(filter("product_id"))
                """, arguments: arguments([channel.rawValue]))
            while try listings.step() {
                guard let position = positions[listings.int64(0)] else { continue }
                states[position].listing = listings.text(1)
            }
            let offers = try db.rawRows(sql: """
                SELECT product_id, quantity, price_minor FROM acknowledged_offers
                WHERE channel = ?3\(filter("product_id"))
                """, arguments: arguments([channel.rawValue]))
            while try offers.step() {
                guard let position = positions[offers.int64(0)] else { continue }
                states[position].acknowledgedQuantity = offers.optionalInt64(1)
                states[position].acknowledgedPriceMinor = offers.optionalInt64(2)
            }
        }
        return ChannelOfferStates(channel: channel, states: states)
    }

    /// Pending (not parked) outbox values and approvals of every channel, as patches to apply once every
    /// channel's states are read.
    func readPatches(_ db: Database, positions: ProductPositions) throws -> [OfferPatch] {
        guard !channels.isEmpty else { return [] }
        let names = ChannelNames(channels)
        let channelList = channels.indices.map { "?\($0 + 3)" }.joined(separator: ", ")
        let channelArguments: [(any DatabaseValueConvertible)?] = channels.map(\.rawValue)
        var patches: [OfferPatch] = []
        let pending = try db.rawRows(sql: """
            SELECT p.id, o.channel, o.kind, o.quantity, o.price_minor
            FROM outbox o JOIN products p ON p.sku = o.key
            WHERE o.status = 'pending' AND o.kind IN ('stock', 'price') AND o.channel IN (\(channelList))\(productFilter("p"))
            """, arguments: arguments(channelArguments))
        while try pending.step() {
            guard let position = positions[pending.int64(0)], let channel = pending.bytes(1).flatMap(names.index),
                  let kind = pending.bytes(2) else { continue }
            if kind.first == UInt8(ascii: "s") {
                patches.append(OfferPatch(channel: channel, position: position, field: .pendingQuantity,
                                          value: pending.optionalInt64(3)))
            } else {
                patches.append(OfferPatch(channel: channel, position: position, field: .pendingPrice,
                                          value: pending.optionalInt64(4)))
            }
        }
        let approvals = try db.rawRows(sql: """
            SELECT product_id, channel, price_minor FROM price_approvals
            WHERE channel IN (\(channelList))\(filter("product_id"))
            """, arguments: arguments(channelArguments))
        while try approvals.step() {
            guard let position = positions[approvals.int64(0)], let channel = approvals.bytes(1).flatMap(names.index)
            else { continue }
            patches.append(OfferPatch(channel: channel, position: position, field: .approvedPrice,
                                      value: approvals.int64(2)))
        }
        return patches
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

/// What the catalog scans produce: SKUs in order, lots grouped by SKU, warehouse names.
struct CatalogPart: Sendable {
    var skus: [SKUState]
    var lots: [LotState]
    var warehouses: [String]
}

/// A pending or approved value for one channel and position, applied after the channels are read.
struct OfferPatch: Sendable {
    enum Field: Sendable { case pendingQuantity, pendingPrice, approvedPrice }
    var channel: Int
    var position: Int
    var field: Field
    var value: Int64?

    /// Applies `patches` to `channels` (indexed like the reader's channels).
    static func apply(_ patches: [OfferPatch], to channels: inout [ChannelOfferStates]) {
        for patch in patches {
            switch patch.field {
            case .pendingQuantity: channels[patch.channel].states[patch.position].pendingQuantity = patch.value
            case .pendingPrice: channels[patch.channel].states[patch.position].pendingPriceMinor = patch.value
            case .approvedPrice: channels[patch.channel].states[patch.position].approvedPriceMinor = patch.value
            }
        }
    }
}

/// Product id → position in the SKU-ordered output. Ids are SQLite rowids, dense in practice: an array indexed
/// by id when they are, a dictionary when they are not.
struct ProductPositions: Sendable {
    /// How many products were selected.
    let count: Int
    private let dense: [Int32]
    private let sparse: [Int64: Int32]

    init(idsInOrder ids: [Int64]) {
        count = ids.count
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
struct WarehouseNames {
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
struct ChannelNames {
    private let bytes: [[UInt8]]
    init(_ channels: [ChannelID]) { bytes = channels.map { Array($0.rawValue.utf8) } }
    func index(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        bytes.firstIndex { $0.elementsEqual(text) }
    }
}
