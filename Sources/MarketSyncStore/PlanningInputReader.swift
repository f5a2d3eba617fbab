internal import GRDB
internal import MarketSync
internal import Synchronization

/// Reads the full `PlanningInput` (every product) in a few ordered scans, one per table (per channel for
/// listings and offers), never a query per product. Incremental reads are `ChangedInputReader`'s.
///
/// Positions come first: the product ids in SKU order, from the covering unique index on `sku`. Every later scan
/// (products, reservations, lots, one channel's listings and acknowledged offers, pending entries and approvals)
/// writes into a product's position by its id, so the scans run in table order and nothing is sorted in Swift.
/// Lots are bucketed by position with a counting sort: one pass in table order, grouped per SKU, in import order
/// within a SKU.
///
/// The scans are independent `Job`s. Two connections of one snapshot (`SQLiteStore.readConcurrently`) each read
/// the positions, then take jobs from one shared queue, longest first, until none is left; `assemble` puts the
/// outputs together. The connections finish within about one job of each other whatever the channel count.
struct PlanningInputReader: Sendable {
    let channels: [ChannelID]
    /// Where the store lives, for errors.
    let path: String
    /// Measures the jobs, when set.
    let recorder: PhaseRecorder?

    private static let millisecondsPerDay: Int64 = 86_400_000

    /// One independent scan.
    enum Job: Sendable {
        /// SKU texts, base prices and reservations.
        case products
        /// Every lot, grouped by position.
        case lots
        /// One channel's listings and acknowledged values (index into `channels`).
        case channel(Int)
        /// Pending outbox values and approvals of every channel.
        case patches
    }

    /// What a job read.
    enum Output: Sendable {
        case products([SKUState])
        /// Lots grouped by position; position i's are `lots[starts[i] ..< starts[i + 1]]`.
        case lots(lots: [LotState], starts: [Int32], warehouses: [String])
        case channel(Int, [OfferState])
        case patches([OfferPatch])
    }

    /// Every job, longest first (measured at a million SKUs: lots ≈ 1.2 channels ≈ 2 × products).
    var jobs: [Job] { [.lots] + channels.indices.map(Job.channel) + [.products, .patches] }

    /// Reads the positions, then runs jobs from `queue` until it is empty, leaving their outputs there.
    func work(_ db: Database, connection: Int, queue: JobQueue) throws {
        let positions = try recorder.measure("positions", connection: connection) { try readPositions(db) }
        while let job = queue.next() {
            let output = try recorder.measure(name(job), connection: connection) {
                try run(job, db, positions: positions)
            }
            queue.finish(output)
        }
    }

    private func name(_ job: Job) -> String {
        switch job {
        case .products: "products"
        case .lots: "lots"
        case let .channel(index): channels[index].rawValue
        case .patches: "pending and approved"
        }
    }

    func run(_ job: Job, _ db: Database, positions: ProductPositions) throws -> Output {
        switch job {
        case .products: .products(try readProducts(db, positions: positions))
        case .lots: try readLots(db, positions: positions)
        case let .channel(index): .channel(index, try readChannel(db, channels[index], positions: positions))
        case .patches: .patches(try readPatches(db, positions: positions))
        }
    }

    /// The input from every job's output (each job exactly once). The outputs are consumed: their arrays are
    /// moved into the input, never copied.
    func assemble(_ outputs: consuming [Output]) throws -> PlanningInput {
        var skus: [SKUState]?
        var lots: [LotState] = []
        var starts: [Int32] = []
        var warehouses: [String] = []
        var states = [[OfferState]?](repeating: nil, count: channels.count)
        var patches: [OfferPatch] = []
        while let output = outputs.popLast() {
            switch consume output {
            case let .products(value): skus = value
            case let .lots(value, lotStarts, names): (lots, starts, warehouses) = (value, lotStarts, names)
            case let .channel(index, value): states[index] = value
            case let .patches(value): patches = value
            }
        }
        guard var skus = skus.take(), states.allSatisfy({ $0 != nil }) else {
            throw corrupt("read (a scan is missing)")
        }
        // Same snapshot everywhere: a mismatch means the file changed under a read transaction.
        guard starts.count == skus.count + 1 else { throw corrupt("product list") }
        for index in skus.indices {
            skus[index].lotStart = starts[index]
            skus[index].lotCount = starts[index + 1] - starts[index]
        }
        var offers: [ChannelOfferStates] = []
        for (index, channel) in channels.enumerated() {
            offers.append(ChannelOfferStates(channel: channel, states: states[index].take() ?? []))
        }
        OfferPatch.apply(patches, to: &offers)
        return PlanningInput(skus: skus, lots: lots, warehouses: warehouses, channels: offers)
    }

    // MARK: - Catalog

    /// Every product id in SKU order (SQLite's binary order of the UTF-8 text).
    func readPositions(_ db: Database) throws -> ProductPositions {
        var ids: [Int64] = []
        ids.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products") ?? 0)
        let rows = try db.rawRows(sql: "SELECT id FROM products ORDER BY sku")
        while try rows.step() { ids.append(rows.int64(0)) }
        return ProductPositions(idsInOrder: ids)
    }

    /// SKUs with base prices and reservations (lot ranges are set by `assemble`).
    func readProducts(_ db: Database, positions: ProductPositions) throws -> [SKUState] {
        var skus = [SKUState](repeating: SKUState(sku: SKU(""), basePriceMinor: 0, reserved: 0, lotStart: 0, lotCount: 0),
                              count: positions.count)
        var filled = 0
        let products = try db.rawRows(sql: "SELECT id, sku, base_price_minor FROM products")
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
            FROM (SELECT sku, SUM(quantity) AS reserved
                  FROM order_lines WHERE reserves = 1
                  GROUP BY sku) r
            JOIN products p ON p.sku = r.sku
            """)
        while try reserved.step() {
            if let position = positions[reserved.int64(0)] { skus[position].reserved = reserved.int64(1) }
        }
        return skus
    }

    /// Every lot, grouped by SKU position (counting sort over one scan in table order).
    private func readLots(_ db: Database, positions: ProductPositions) throws -> Output {
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stock_lots") ?? 0
        var owners: [Int32] = []
        owners.reserveCapacity(count)
        var unsorted: [LotState] = []
        unsorted.reserveCapacity(count)
        var warehouses = WarehouseNames()
        // In table order (rowid), which within one product is import order. NULL dates come back as the
        // sentinel Int64.min (one column call instead of two; no instant in milliseconds is that far back).
        let rows = try db.rawRows(sql: """
            SELECT product_id, warehouse, quantity, IFNULL(expires_on, ?1), IFNULL(produced_on, ?1) FROM stock_lots
            ORDER BY rowid
            """, arguments: [Int64.min])
        while try rows.step() {
            guard let position = positions[rows.int64(0)] else { continue }
            guard let name = rows.bytes(1) else { throw corrupt("warehouse") }
            owners.append(Int32(truncatingIfNeeded: position))
            let expires = rows.int64(3)
            let produced = rows.int64(4)
            unsorted.append(LotState(warehouse: warehouses.index(name), quantity: rows.int64(2),
                                     expiresOnDay: expires == .min ? nil : Self.day(expires),
                                     producedOnDay: produced == .min ? nil : Self.day(produced)))
        }
        // Counting sort by position; stable, so lots of one SKU keep their table order.
        var starts = [Int32](repeating: 0, count: positions.count + 1)
        for owner in owners { starts[Int(owner) + 1] += 1 }
        for index in 0..<positions.count { starts[index + 1] += starts[index] }
        var next = starts
        var lots = unsorted
        for (owner, lot) in zip(owners, unsorted) {
            lots[Int(next[Int(owner)])] = lot
            next[Int(owner)] += 1
        }
        return .lots(lots: lots, starts: starts, warehouses: warehouses.names)
    }

    // MARK: - Offers

    /// One channel's listings and acknowledged values, by position: two range scans in product order (the
    /// `listings_by_channel` index and the primary key of `acknowledged_offers`).
    func readChannel(_ db: Database, _ channel: ChannelID, positions: ProductPositions) throws -> [OfferState] {
        var states = [OfferState](repeating: OfferState(listing: nil), count: positions.count)
        try states.withUnsafeMutableBufferPointer { states in
            let listings = try db.rawRows(sql: "SELECT product_id, external_id FROM listings WHERE channel = ?1",
                                          arguments: [channel.rawValue])
            while try listings.step() {
                guard let position = positions[listings.int64(0)] else { continue }
                states[position].listing = listings.text(1)
            }
            // NULL as the sentinel Int64.min, the same one `OfferState` stores for "none".
            let offers = try db.rawRows(sql: """
                SELECT product_id, IFNULL(quantity, ?2), IFNULL(price_minor, ?2) FROM acknowledged_offers
                WHERE channel = ?1
                """, arguments: [channel.rawValue, Int64.min])
            while try offers.step() {
                guard let position = positions[offers.int64(0)] else { continue }
                let quantity = offers.int64(1)
                let price = offers.int64(2)
                states[position].acknowledgedQuantity = quantity == .min ? nil : quantity
                states[position].acknowledgedPriceMinor = price == .min ? nil : price
            }
        }
        return states
    }

    /// Pending (not parked) outbox values and approvals of every channel, as patches to apply once every
    /// channel's states are read.
    func readPatches(_ db: Database, positions: ProductPositions) throws -> [OfferPatch] {
        guard !channels.isEmpty else { return [] }
        let names = ChannelNames(channels)
        let channelList = channels.indices.map { "?\($0 + 1)" }.joined(separator: ", ")
        let channelArguments: [(any DatabaseValueConvertible)?] = channels.map(\.rawValue)
        var patches: [OfferPatch] = []
        let pending = try db.rawRows(sql: """
            SELECT p.id, o.channel, o.kind, o.quantity, o.price_minor
            FROM outbox o JOIN products p ON p.sku = o.key
            WHERE o.status = 'pending' AND o.kind IN ('stock', 'price') AND o.channel IN (\(channelList))
            """, arguments: channelArguments)
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
            SELECT product_id, channel, price_minor FROM price_approvals WHERE channel IN (\(channelList))
            """, arguments: channelArguments)
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

/// The jobs of one read, handed out one at a time to whichever connection asks first, and their outputs.
final class JobQueue: Sendable {
    private struct State {
        var jobs: [PlanningInputReader.Job]
        var next = 0
        var outputs: [PlanningInputReader.Output] = []
    }
    private let state: Mutex<State>

    init(_ jobs: [PlanningInputReader.Job]) { state = Mutex(State(jobs: jobs)) }

    /// The next job, nil when every job is taken.
    func next() -> PlanningInputReader.Job? {
        state.withLock { state in
            guard state.next < state.jobs.count else { return nil }
            defer { state.next += 1 }
            return state.jobs[state.next]
        }
    }

    /// Keeps the output of a job.
    func finish(_ output: PlanningInputReader.Output) { state.withLock { $0.outputs.append(output) } }

    /// Every output kept, moved out of the queue.
    func takeOutputs() -> [PlanningInputReader.Output] {
        state.withLock { state in
            defer { state.outputs = [] }
            return state.outputs
        }
    }
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
