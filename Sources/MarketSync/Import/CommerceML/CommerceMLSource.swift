/// A CommerceML 2 package from 1C as a catalog source (`format: commerceml`): read while it is imported, through
/// ``CommerceMLPackageReader`` and a ``CatalogChangeApplier``, so a package of hundreds of megabytes imports in
/// bounded memory, in one transaction, with one report.
public struct CommerceMLSource: StreamedCatalogSource {
    /// Which files and how they are read.
    public let settings: CommerceMLSettings

    /// A source reading the package `settings` names.
    public init(settings: CommerceMLSettings) {
        self.settings = settings
    }

    /// The package's files, comma-separated.
    public var name: String {
        [settings.importFile, settings.offersFile].compactMap { $0 }.joined(separator: ",")
    }

    /// Reads the package and puts its products over the catalog through `sink`.
    public func apply(to sink: any CatalogImportSink, overlay: LotsOverlay) throws -> [ImportReport.Rejection] {
        let applier = CatalogChangeApplier(sink: sink, overlay: overlay)
        try CommerceMLPackageReader(settings: settings).read(change: { try applier.add($0) }, reject: { applier.reject($0) })
        return try applier.finish()
    }

    /// Reads the package without a store: every product it would hand on counts as a valid row (whether a delta's
    /// product exists is known only at import).
    public func check() throws -> (validRows: Int, rejections: [ImportReport.Rejection]) {
        var valid = 0
        var rejections: [ImportReport.Rejection] = []
        try CommerceMLPackageReader(settings: settings).read(change: { _ in valid += 1 }, reject: { rejections.append($0) })
        return (valid, rejections)
    }
}
