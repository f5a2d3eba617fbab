public import MarketSyncPostgres
public import RetailEDI

/// The PostgreSQL store keeps what a file partner's adapter reads back (products, stored orders) beside its control
/// numbers, inbound ledger and outgoing files, as `SQLiteStore` does.
extension PostgresStore: RetailEDIRecords {}
