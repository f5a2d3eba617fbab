/// The store's side of a streamed import, used synchronously inside the store's one import transaction (see
/// `SyncStore.applyImport(source:at:streaming:)`): reads of what is stored, and upserts. Not shared across threads.
public protocol CatalogImportSink {
    /// The stored products of `skus` (those the catalog holds), as `applyImport` wrote them or as this
    /// transaction changed them.
    func products(_ skus: [SKU]) throws -> [SKU: Product]
    /// The SKU recorded for each source key that has one.
    func skus(forSourceKeys keys: [String]) throws -> [String: SKU]
    /// Upserts whole products as `applyImport(_:source:at:)` does (lots and listings replaced, counts kept).
    func upsert(_ products: [Product]) throws
    /// Records each source key's SKU (replacing an older one).
    func recordSourceKeys(_ keys: [String: SKU]) throws
}
