public import MarketSync

/// Everything a retail file channel (EDI or CSV sheets) keeps in the store: products and orders to read back,
/// control and sequence numbers that are never reused, the ledger of the partner's files, and the files made for
/// the partner (kept so a retry sends the same bytes). `SQLiteStore` is one.
public typealias RetailFileStore = RetailRecords & ControlNumberSource & FileDropLedger & OutgoingFileStore
