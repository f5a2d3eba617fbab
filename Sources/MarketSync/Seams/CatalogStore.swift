public import Foundation

/// The catalog side of the store: imports (whole, or streamed while a source is read) and product look-ups.
///
/// Contract: every method is one transaction; an import that fails or throws applies nothing, and nothing of it is
/// visible before it returns.
public protocol CatalogStore: Sendable {
    /// Upserts `products` in one transaction, replacing each one's lots and listings. SKUs not in the import
    /// stay as they were (the last good value stays in force).
    func applyImport(_ products: [Product], source: String, at date: Date) async throws -> ImportCounts
    /// A source read while it is imported (``StreamedCatalogSource``), in one transaction: `body` reads it and
    /// hands products to the sink a chunk at a time; nothing is visible until it returns, and an error it throws
    /// applies nothing. Recorded as one import; returns its counts and what `body` returned.
    func applyImport<Result: Sendable>(source: String, at date: Date,
                                       streaming body: @Sendable (any CatalogImportSink) throws -> Result) async throws -> (ImportCounts, Result)
    /// The same reading against the stored catalog, writing nothing: the products the import would write (a dry run).
    func previewImport<Result: Sendable>(streaming body: @Sendable (any CatalogImportSink) throws -> Result) async throws -> ([Product], Result)
    /// One product, or nil.
    func product(_ sku: SKU) async throws -> Product?
    /// How many products the catalog holds.
    func productCount() async throws -> Int
}
