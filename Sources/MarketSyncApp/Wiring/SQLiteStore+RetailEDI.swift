public import MarketSyncStore
public import RetailEDI

/// The store already reads products and orders back the way an EDI adapter needs them.
extension SQLiteStore: RetailEDIRecords {}
