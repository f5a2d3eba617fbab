public import MarketSync
internal import PostgresNIO

extension PostgresStore: PlanningStore {
    /// The planner's input for `channels`, SKUs in byte order, from one snapshot. With `changedSince`, only products
    /// whose change sequence is above it, plus those with a lot expiring before day `expiringBefore` when given.
    public func planningInput(channels: [ChannelID], changedSince: Int64?, expiringBefore: Int32?) async throws -> PlanningInput {
        try await read("read planning input") { connection in
            let since = changedSince ?? -1
            let expiring = expiringBefore.map { Int64($0) * Self.millisecondsPerDay }
            let rows = try await connection.rows("""
                SELECT id, sku, base_price_minor FROM products p
                WHERE p.change_seq > \(since)
                    OR (\(expiring)::bigint IS NOT NULL AND EXISTS (
                        SELECT 1 FROM stock_lots l WHERE l.product_id = p.id AND l.expires_on < \(expiring)))
                ORDER BY sku COLLATE "C"
                """, logger: self.logger)
            return try await self.planningInput(connection, products: rows, channels: channels)
        }
    }

    /// The planner's input for `channels` and the products of `skus` (those in the catalog), in byte order.
    public func planningInput(channels: [ChannelID], skus: [SKU]) async throws -> PlanningInput {
        try await read("read planning input") { connection in
            let rows = try await connection.rows("""
                SELECT id, sku, base_price_minor FROM products WHERE sku = ANY(\(skus.map(\.rawValue))) ORDER BY sku COLLATE "C"
                """, logger: self.logger)
            return try await self.planningInput(connection, products: rows, channels: channels)
        }
    }

    static let millisecondsPerDay: Int64 = 86_400_000

    /// Days since 1970-01-01 (UTC), rounded down, clamped.
    static func day(_ milliseconds: Int64) -> Int32 {
        var days = milliseconds / millisecondsPerDay
        if milliseconds % millisecondsPerDay < 0 { days -= 1 }
        return Int32(clamping: days)
    }

    /// The input for the selected `products` rows (`id, sku, base_price_minor`, in order): reservations, lots and
    /// each channel's listing, acknowledged, pending and approved values, a query each.
    private func planningInput(_ connection: PostgresConnection, products: [PostgresRow], channels: [ChannelID]) async throws -> PlanningInput {
        var ids: [Int64] = []
        var skus: [SKUState] = []
        var position: [Int64: Int] = [:]
        for row in products {
            let (id, sku, price) = try row.decode((Int64, String, Int64).self)
            position[id] = skus.count
            ids.append(id)
            skus.append(SKUState(sku: SKU(sku), basePriceMinor: price, reserved: 0, lotStart: 0, lotCount: 0))
        }
        for row in try await connection.rows("""
            SELECT p.id, SUM(ol.quantity)::BIGINT FROM order_lines ol JOIN products p ON p.sku = ol.sku
            WHERE ol.reserves AND p.id = ANY(\(ids)) GROUP BY p.id
            """, logger: logger) {
            let (id, reserved) = try row.decode((Int64, Int64).self)
            if let at = position[id] { skus[at].reserved = reserved }
        }
        var lotsByPosition: [[(String, Int64, Int64?, Int64?)]] = Array(repeating: [], count: skus.count)
        for row in try await connection.rows("""
            SELECT product_id, warehouse, quantity, expires_on, produced_on FROM stock_lots WHERE product_id = ANY(\(ids))
            ORDER BY product_id, position
            """, logger: logger) {
            let (id, warehouse, quantity, expires, produced) = try row.decode((Int64, String, Int64, Int64?, Int64?).self)
            if let at = position[id] { lotsByPosition[at].append((warehouse, quantity, expires, produced)) }
        }
        var warehouses: [String] = []
        var warehouseIndex: [String: Int32] = [:]
        var lots: [LotState] = []
        for (at, productLots) in lotsByPosition.enumerated() {
            skus[at].lotStart = Int32(lots.count)
            skus[at].lotCount = Int32(productLots.count)
            for (warehouse, quantity, expires, produced) in productLots {
                let index: Int32
                if let known = warehouseIndex[warehouse] {
                    index = known
                } else {
                    index = Int32(warehouses.count)
                    warehouseIndex[warehouse] = index
                    warehouses.append(warehouse)
                }
                lots.append(LotState(warehouse: index, quantity: quantity, expiresOnDay: expires.map(Self.day),
                                     producedOnDay: produced.map(Self.day)))
            }
        }
        var offers: [ChannelOfferStates] = []
        for channel in channels {
            var states = Array(repeating: OfferState(listing: nil), count: skus.count)
            let name = channel.rawValue
            for row in try await connection.rows("""
                SELECT product_id, external_id FROM listings WHERE channel = \(name) AND product_id = ANY(\(ids))
                """, logger: logger) {
                let (id, listing) = try row.decode((Int64, String).self)
                if let at = position[id] { states[at].listing = listing }
            }
            for row in try await connection.rows("""
                SELECT product_id, quantity, price_minor FROM acknowledged_offers WHERE channel = \(name) AND product_id = ANY(\(ids))
                """, logger: logger) {
                let (id, quantity, price) = try row.decode((Int64, Int64?, Int64?).self)
                if let at = position[id] {
                    states[at].acknowledgedQuantity = quantity
                    states[at].acknowledgedPriceMinor = price
                }
            }
            for row in try await connection.rows("""
                SELECT p.id, o.kind, o.quantity, o.price_minor FROM outbox o JOIN products p ON p.sku = o.key
                WHERE o.status = 'pending' AND o.kind IN ('stock', 'price') AND o.channel = \(name) AND p.id = ANY(\(ids))
                """, logger: logger) {
                let (id, kind, quantity, price) = try row.decode((Int64, String, Int64?, Int64?).self)
                guard let at = position[id] else { continue }
                if kind == "stock" { states[at].pendingQuantity = quantity } else { states[at].pendingPriceMinor = price }
            }
            for row in try await connection.rows("""
                SELECT product_id, price_minor FROM price_approvals WHERE channel = \(name) AND product_id = ANY(\(ids))
                """, logger: logger) {
                let (id, price) = try row.decode((Int64, Int64).self)
                if let at = position[id] { states[at].approvedPriceMinor = price }
            }
            offers.append(ChannelOfferStates(channel: channel, states: states))
        }
        return PlanningInput(skus: skus, lots: lots, warehouses: warehouses, channels: offers)
    }
}

extension PostgresStore: SyncStore {}
