public import MarketSync

/// One file a writer made: its name, its bytes, and what it carries.
public struct SheetFile: Sendable, Hashable {
    /// The file's name, from the layout's pattern (`WM_KC_20261127_0001.csv`).
    public var name: String
    /// The whole file, in the layout's encoding (with a byte order mark for `utf-8-bom`).
    public var bytes: [UInt8]
    /// Its sequence number, as `{seq}` wrote it.
    public var sequence: Int
    /// The store code of a per-store file.
    public var store: String?
    /// The order number of a per-order file.
    public var order: String?
    /// The SKUs of its rows, in row order.
    public var skus: [SKU]
    /// The outbox items its rows carry (not the carried values a snapshot repeats), so results map back by item.
    public var items: [Int64]

    /// A file as written.
    public init(name: String, bytes: [UInt8], sequence: Int, store: String?, order: String?, skus: [SKU], items: [Int64]) {
        self.name = name
        self.bytes = bytes
        self.sequence = sequence
        self.store = store
        self.order = order
        self.skus = skus
        self.items = items
    }
}
