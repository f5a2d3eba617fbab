public import MarketSync
internal import GRDB

extension SQLiteStore {
    /// The planner's input for `channels`, SKUs ordered by SKU (SQLite's binary order of the UTF-8 text).
    ///
    /// With `changedSince`, only products whose change sequence is above it, plus those with a lot expiring
    /// before day `expiringBefore` (days since 1970, UTC) when given. Dates are days since 1970 (UTC), rounded
    /// down. Everything is read from one consistent snapshot.
    public func planningInput(channels: [ChannelID], changedSince: Int64?, expiringBefore: Int32?) async throws
        -> PlanningInput
    {
        let selection: PlanningInputReader.Selection
        if let changedSince {
            selection = .changed(since: changedSince,
                                 expiringBefore: expiringBefore.map { Int64($0) * 86_400_000 })
        } else {
            selection = .all
        }
        let reader = PlanningInputReader(channels: channels, selection: selection, path: path)
        return try await read("read planning input") { db in
            let catalog = try reader.readCatalog(db)
            let offers = try reader.readOffers(db, positions: catalog.positions, count: catalog.skus.count,
                                               channels: channels.indices)
            return PlanningInput(skus: catalog.skus, lots: catalog.lots, warehouses: catalog.warehouses,
                                 channels: offers)
        }
    }
}
