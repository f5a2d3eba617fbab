public import Foundation
public import MarketSync
internal import GRDB

extension SQLiteStore {
    /// A streamed import in one write transaction: `body` reads its source and hands products to the sink, which
    /// writes them a chunk at a time (``CatalogWriter``); nothing is visible to readers until `body` returns, and an
    /// error it throws rolls everything back. The import is recorded once, like `applyImport(_:source:at:)`.
    public func applyImport<Result: Sendable>(source: String, at date: Date,
                                              streaming body: @Sendable (any CatalogImportSink) throws -> Result) async throws -> (ImportCounts, Result) {
        try await write("apply import from \(source)") { db in
            let writer = try CatalogWriter(db, at: date, storePath: self.path)
            let result = try body(SQLiteCatalogSink(db, writer: writer, store: self))
            return (try writer.finish(source: source), result)
        }
    }

    /// The same reading against the stored catalog, in a read transaction, writing nothing: the products the
    /// import would write (a dry run plans with them).
    public func previewImport<Result: Sendable>(streaming body: @Sendable (any CatalogImportSink) throws -> Result) async throws
        -> ([Product], Result) {
        try await read("preview an import") { db in
            let sink = SQLiteCatalogSink(db, writer: nil, store: self)
            let result = try body(sink)
            return (sink.collected, result)
        }
    }
}
