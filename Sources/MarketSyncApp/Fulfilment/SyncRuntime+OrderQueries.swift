public import MarketSync

extension SyncRuntime {
    /// The store's order queries (`orders`, `orders export`, `ship --from`); a store that cannot answer them is a
    /// `.store` error.
    public var orderQueries: any OrderQueryStore {
        get throws {
            guard let queries = store as? any OrderQueryStore else {
                throw MarketSyncError(.store, "this store cannot list orders")
            }
            return queries
        }
    }
}
