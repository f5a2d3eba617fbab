public import MarketSyncStore
public import RetailFiles

/// The store already reads products and orders back the way a retail file adapter (EDI, CSV sheets) needs them.
extension SQLiteStore: RetailRecords {}
