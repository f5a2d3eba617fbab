public import MarketSyncPostgres
public import RetailFiles

/// The PostgreSQL store keeps what a retail file adapter (EDI, CSV sheets) reads back (products, stored orders) beside
/// its control numbers, inbound ledger and outgoing files, as `SQLiteStore` does.
extension PostgresStore: RetailRecords {}
