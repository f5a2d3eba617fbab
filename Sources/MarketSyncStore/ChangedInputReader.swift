internal import Foundation
internal import GRDB
internal import MarketSync

/// Reads the planning input of the changed products only (an incremental plan), at a cost in proportion to how
/// many changed, not to the catalog.
///
/// The selection (products whose `change_seq` is above the mark, plus those with a lot expiring before the
/// instant given) is computed as ascending product ids and bound to every later query as one JSON array:
/// `json_each(?) CROSS JOIN <table> ON product_id = value` walks the ids in ascending order and seeks each product
/// once per table, so every channel's rows of a product come from one seek (listings by their primary key
/// `(product_id, channel)`, acknowledged offers by the covering index `acknowledged_offers_by_product`), and
/// neighbouring seeks share pages. Nothing is read per channel.
///
/// The selection is split in two halves read at the same time on two connections of one snapshot
/// (`SQLiteStore.readConcurrently`): each connection computes the same selection and reads every table for its
/// half; `assemble` merges the halves in SKU order. Reservations, pending outbox entries and approvals are read
/// by what they hold (open orders, queued items, approvals: never the catalog) and matched to the half.
struct ChangedInputReader: Sendable {
    let channels: [ChannelID]
    /// Products whose `change_seq` is above this.
    let since: Int64
    /// Plus products with a lot expiring before this instant (Unix milliseconds), when given.
    let expiringBefore: Int64?
    /// Where the store lives, for errors.
    let path: String
    /// Measures the phases, when set.
    let recorder: PhaseRecorder?
    /// When set, the selection is these SKUs' products instead (`since` and `expiringBefore` are ignored): the
    /// input for deciding a few orders.
    var skus: [String]? = nil

    /// One half of the selection, read: everything indexed by place in `ids`.
    struct Part: Sendable {
        /// How many products the whole selection holds, and a digest of their ids (both halves must agree).
        var selectionCount: Int
        var selectionDigest: Int64
        /// This half's product ids, ascending.
        var ids: [Int64]
        var skus: [SKUState]
        /// Lots grouped by place (`skus[i].lotStart` indexes here), table (import) order within a product.
        var lots: [LotState]
        var warehouses: [String]
        /// Per requested channel, the states by place.
        var states: [[OfferState]]
    }

    // MARK: - Reading

    /// Reads half `half` (0 or 1) of the selection.
    func readHalf(_ half: Int, _ db: Database) throws -> Part {
        let all = try recorder.measure("selection", connection: half) { try readSelection(db) }
        let middle = all.count / 2
        let ids = half == 0 ? Array(all[..<middle]) : Array(all[middle...])
        let digest = all.reduce(into: Int64(0)) { $0 = $0 &* 31 &+ $1 }
        var part = Part(selectionCount: all.count, selectionDigest: digest, ids: ids, skus: [], lots: [],
                        warehouses: [], states: [[OfferState]](repeating: [], count: channels.count))
        guard !ids.isEmpty else { return part }
        let json = Self.jsonArray(ids)
        part.skus = try recorder.measure("products", connection: half) { try readProducts(db, ids: ids, json: json) }
        try recorder.measure("reservations", connection: half) { try readReservations(db, ids: ids, into: &part.skus) }
        try recorder.measure("lots", connection: half) { try readLots(db, ids: ids, json: json, into: &part) }
        guard !channels.isEmpty else { return part }
        for index in part.states.indices {
            part.states[index] = [OfferState](repeating: OfferState(listing: nil), count: ids.count)
        }
        let names = ChannelNames(channels)
        try recorder.measure("listings", connection: half) {
            try readListings(db, ids: ids, json: json, names: names, into: &part.states)
        }
        try recorder.measure("acknowledged offers", connection: half) {
            try readOffers(db, ids: ids, json: json, names: names, into: &part.states)
        }
        try recorder.measure("pending and approved", connection: half) {
            try readPendingAndApproved(db, ids: ids, names: names, into: &part.states)
        }
        return part
    }

    /// The selected product ids, ascending.
    private func readSelection(_ db: Database) throws -> [Int64] {
        if let skus {
            var ids: [Int64] = []
            let rows = try db.rawRows(sql: "SELECT p.id FROM json_each(?1) j JOIN products p ON p.sku = j.value",
                                      arguments: [try Self.jsonArray(skus)])
            while try rows.step() { ids.append(rows.int64(0)) }
            ids = Array(Set(ids)).sorted()
            return ids
        }
        var sql = "SELECT id FROM products WHERE change_seq > ?1"
        var arguments: [(any DatabaseValueConvertible)?] = [since]
        if let expiringBefore {
            sql += " UNION SELECT product_id FROM stock_lots WHERE expires_on < ?2"
            arguments.append(expiringBefore)
        }
        var ids: [Int64] = []
        let rows = try db.rawRows(sql: sql, arguments: arguments)
        while try rows.step() { ids.append(rows.int64(0)) }
        ids.sort()
        return ids
    }

    private func readProducts(_ db: Database, ids: [Int64], json: String) throws -> [SKUState] {
        var skus = [SKUState](repeating: SKUState(sku: SKU(""), basePriceMinor: 0, reserved: 0, lotStart: 0,
                                                  lotCount: 0), count: ids.count)
        var filled = 0
        var lookup = SelectionLookup(ids)
        let rows = try db.rawRows(sql: """
            SELECT p.id, p.sku, p.base_price_minor FROM json_each(?1) j CROSS JOIN products p ON p.id = j.value
            """, arguments: [json])
        while try rows.step() {
            guard let place = lookup.place(of: rows.int64(0)) else { continue }
            guard let sku = rows.text(1) else { throw corrupt("SKU") }
            skus[place].sku = SKU(sku)
            skus[place].basePriceMinor = rows.int64(2)
            filled += 1
        }
        // Every selected id came from this snapshot's products (or its lots, which cascade with them).
        guard filled == ids.count else { throw corrupt("product list") }
        return skus
    }

    /// Reservations aggregated by SKU over the open orders, matched to the half's products.
    private func readReservations(_ db: Database, ids: [Int64], into skus: inout [SKUState]) throws {
        var lookup = SelectionLookup(ids)
        let rows = try db.rawRows(sql: """
            SELECT p.id, r.reserved
            FROM (SELECT sku, SUM(quantity) AS reserved
                  FROM order_lines WHERE reserves = 1
                  GROUP BY sku) r
            JOIN products p ON p.sku = r.sku
            """)
        while try rows.step() {
            if let place = lookup.place(of: rows.int64(0)) { skus[place].reserved = rows.int64(1) }
        }
    }

    /// Lots through `stock_lots_by_product` (one seek per product), grouped by place with a stable counting sort;
    /// within a product in rowid (import) order.
    private func readLots(_ db: Database, ids: [Int64], json: String, into part: inout Part) throws {
        var owners: [Int32] = []
        var rowids: [Int64] = []
        var unsorted: [LotState] = []
        var warehouses = WarehouseNames()
        var lookup = SelectionLookup(ids)
        let rows = try db.rawRows(sql: """
            SELECT l.product_id, l.id, l.warehouse, l.quantity, l.expires_on, l.produced_on
            FROM json_each(?1) j CROSS JOIN stock_lots l ON l.product_id = j.value
            """, arguments: [json])
        while try rows.step() {
            guard let place = lookup.place(of: rows.int64(0)) else { continue }
            guard let name = rows.bytes(2) else { throw corrupt("warehouse") }
            owners.append(Int32(truncatingIfNeeded: place))
            rowids.append(rows.int64(1))
            unsorted.append(LotState(warehouse: warehouses.index(name), quantity: rows.int64(3),
                                     expiresOnDay: rows.optionalInt64(4).map(PlanningInputReader.day),
                                     producedOnDay: rows.optionalInt64(5).map(PlanningInputReader.day)))
        }
        let count = ids.count
        var next = [Int32](repeating: 0, count: count + 1)
        for owner in owners { next[Int(owner) + 1] += 1 }
        for place in 0..<count {
            part.skus[place].lotStart = next[place]
            part.skus[place].lotCount = next[place + 1]
            next[place + 1] += next[place]
        }
        var lots = unsorted
        var lotRowids = rowids
        for (index, owner) in owners.enumerated() {
            let target = Int(next[Int(owner)])
            lots[target] = unsorted[index]
            lotRowids[target] = rowids[index]
            next[Int(owner)] += 1
        }
        // The index lists a product's lots by rowid already; make sure rather than assume.
        for sku in part.skus where sku.lotCount > 1 {
            let range = Int(sku.lotStart)..<Int(sku.lotStart + sku.lotCount)
            if zip(lotRowids[range], lotRowids[range].dropFirst()).allSatisfy({ $0 < $1 }) { continue }
            let sorted = range.sorted { lotRowids[$0] < lotRowids[$1] }.map { lots[$0] }
            lots.replaceSubrange(range, with: sorted)
        }
        part.lots = lots
        part.warehouses = warehouses.names
    }

    /// Every channel's listing: one seek per product on the primary key `(product_id, channel)`.
    private func readListings(_ db: Database, ids: [Int64], json: String, names: ChannelNames,
                              into states: inout [[OfferState]]) throws {
        var lookup = SelectionLookup(ids)
        let rows = try db.rawRows(sql: """
            SELECT l.product_id, l.channel, l.external_id
            FROM json_each(?1) j CROSS JOIN listings l ON l.product_id = j.value
            """, arguments: [json])
        while try rows.step() {
            guard let channel = rows.bytes(1).flatMap(names.index), let place = lookup.place(of: rows.int64(0))
            else { continue }
            states[channel][place].listing = rows.text(2)
        }
    }

    /// Every channel's acknowledged values: one seek per product on the covering index
    /// `acknowledged_offers_by_product (product_id, channel, quantity, price_minor)`.
    private func readOffers(_ db: Database, ids: [Int64], json: String, names: ChannelNames,
                            into states: inout [[OfferState]]) throws {
        var lookup = SelectionLookup(ids)
        let rows = try db.rawRows(sql: """
            SELECT a.product_id, a.channel, a.quantity, a.price_minor
            FROM json_each(?1) j CROSS JOIN acknowledged_offers a INDEXED BY acknowledged_offers_by_product
                ON a.product_id = j.value
            """, arguments: [json])
        while try rows.step() {
            guard let channel = rows.bytes(1).flatMap(names.index), let place = lookup.place(of: rows.int64(0))
            else { continue }
            states[channel][place].acknowledgedQuantity = rows.optionalInt64(2)
            states[channel][place].acknowledgedPriceMinor = rows.optionalInt64(3)
        }
    }

    /// Pending (not parked) outbox values and approvals of the requested channels, matched to the half.
    private func readPendingAndApproved(_ db: Database, ids: [Int64], names: ChannelNames,
                                        into states: inout [[OfferState]]) throws {
        var lookup = SelectionLookup(ids)
        let channelList = channels.indices.map { "?\($0 + 1)" }.joined(separator: ", ")
        let channelArguments: [(any DatabaseValueConvertible)?] = channels.map(\.rawValue)
        let pending = try db.rawRows(sql: """
            SELECT p.id, o.channel, o.kind, o.quantity, o.price_minor
            FROM outbox o JOIN products p ON p.sku = o.key
            WHERE o.status = 'pending' AND o.kind IN ('stock', 'price') AND o.channel IN (\(channelList))
            """, arguments: channelArguments)
        while try pending.step() {
            guard let place = lookup.place(of: pending.int64(0)), let channel = pending.bytes(1).flatMap(names.index),
                  let kind = pending.bytes(2) else { continue }
            if kind.first == UInt8(ascii: "s") {
                states[channel][place].pendingQuantity = pending.optionalInt64(3)
            } else {
                states[channel][place].pendingPriceMinor = pending.optionalInt64(4)
            }
        }
        let approvals = try db.rawRows(sql: """
            SELECT product_id, channel, price_minor FROM price_approvals WHERE channel IN (\(channelList))
            """, arguments: channelArguments)
        while try approvals.step() {
            guard let place = lookup.place(of: approvals.int64(0)),
                  let channel = approvals.bytes(1).flatMap(names.index) else { continue }
            states[channel][place].approvedPriceMinor = approvals.int64(2)
        }
    }

    // MARK: - Assembly

    /// Both halves merged in SKU order (SQLite's binary order of the UTF-8 text, which is byte order).
    func assemble(_ first: Part, _ second: Part) throws -> PlanningInput {
        // Both halves were read on one snapshot, so both computed the same selection.
        guard first.selectionCount == second.selectionCount, first.selectionDigest == second.selectionDigest,
              first.ids.count + second.ids.count == first.selectionCount
        else { throw corrupt("snapshot: the two reads selected different products") }
        let parts = [first, second]
        // One warehouse table: the second half's names mapped into the first's.
        var warehouses = first.warehouses
        var remap: [[Int32]] = [Array(0..<Int32(first.warehouses.count)), []]
        for name in second.warehouses {
            if let index = warehouses.firstIndex(of: name) {
                remap[1].append(Int32(index))
            } else {
                remap[1].append(Int32(warehouses.count))
                warehouses.append(name)
            }
        }
        var order: [(part: Int, place: Int)] = []
        order.reserveCapacity(first.selectionCount)
        for (part, value) in parts.enumerated() { order += value.skus.indices.map { (part, $0) } }
        order.sort { a, b in
            parts[a.part].skus[a.place].sku.rawValue.utf8
                .lexicographicallyPrecedes(parts[b.part].skus[b.place].sku.rawValue.utf8)
        }

        var skus: [SKUState] = []
        skus.reserveCapacity(order.count)
        var lots: [LotState] = []
        lots.reserveCapacity(first.lots.count + second.lots.count)
        var channelStates = channels.map { ChannelOfferStates(channel: $0, states: []) }
        for index in channelStates.indices { channelStates[index].states.reserveCapacity(order.count) }
        for (part, place) in order {
            var sku = parts[part].skus[place]
            let start = Int(sku.lotStart)
            sku.lotStart = Int32(truncatingIfNeeded: lots.count)
            for var lot in parts[part].lots[start..<start + Int(sku.lotCount)] {
                lot.warehouse = remap[part][Int(lot.warehouse)]
                lots.append(lot)
            }
            skus.append(sku)
            for index in channelStates.indices { channelStates[index].states.append(parts[part].states[index][place]) }
        }
        return PlanningInput(skus: skus, lots: lots, warehouses: warehouses, channels: channelStates)
    }

    /// `[1,2,3]`.
    /// Texts as a JSON array, escaped.
    private static func jsonArray(_ texts: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(texts), as: UTF8.self)
    }

    private static func jsonArray(_ ids: [Int64]) -> String {
        var json = "["
        json.reserveCapacity(ids.count * 8 + 2)
        for (index, id) in ids.enumerated() {
            if index > 0 { json += "," }
            json += String(id)
        }
        json += "]"
        return json
    }

    private func corrupt(_ what: String) -> MarketSyncError {
        MarketSyncError(.store, "the store at \(path) holds an invalid \(what)", file: path)
    }
}

/// A product id → its place in an ascending list of ids. Rows read through `json_each` come in ascending id
/// order, so a cursor that moves forward finds most in one step; anything else is a binary search.
struct SelectionLookup {
    private let ids: [Int64]
    private var cursor = 0

    init(_ ascendingIDs: [Int64]) { ids = ascendingIDs }

    mutating func place(of id: Int64) -> Int? {
        if cursor < ids.count, ids[cursor] == id { return cursor }
        if cursor + 1 < ids.count, ids[cursor + 1] == id {
            cursor += 1
            return cursor
        }
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        guard low < ids.count, ids[low] == id else { return nil }
        cursor = low
        return low
    }
}
