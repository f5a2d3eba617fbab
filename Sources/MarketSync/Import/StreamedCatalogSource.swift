/// A catalog source too large to hold as products (a CommerceML package of hundreds of megabytes): it is read
/// while it is imported, inside the import's one transaction, and its rejected rows are known only then.
public protocol StreamedCatalogSource: Sendable {
    /// The file or files read, as the import records them.
    var name: String { get }
    /// Reads the source and puts its products over the catalog through `sink`, a chunk at a time; `overlay`
    /// replaces the lots of the SKUs it names (lots files), and a SKU of it the source does not give is rejected.
    /// Returns the rejected rows; throws when the source cannot be read at all (nothing is applied then).
    func apply(to sink: any CatalogImportSink, overlay: LotsOverlay) throws -> [ImportReport.Rejection]
    /// Reads the source without a store (`check-config`): how many rows are valid, and the rejected ones.
    func check() throws -> (validRows: Int, rejections: [ImportReport.Rejection])
}
