public import Foundation
public import MarketSync
internal import MarketSyncConfig

/// What `check-config` checks without sending anything: the config file, every channel's adapter, credentials,
/// options and rules, and every source read the way `sync` reads it (catalogs and lots files, each in its
/// encoding). Every problem is reported at once; rejected rows are warnings, since a sync skips them and goes on.
public struct ConfigCheck: Sendable {
    /// What a config that passes holds.
    public struct Report: Sendable {
        /// The configuration as read.
        public var configuration: SyncConfiguration
        /// Valid catalog rows across the catalog sources.
        public var validRows: Int
        /// Rows a sync would skip, each with its file:line and reason.
        public var warnings: [ImportReport.Rejection]
    }

    let registry: AdapterRegistry
    private let environment: [String: String]

    /// A check making adapters from `registry` and reading credential variables from `environment`.
    public init(registry: AdapterRegistry = .standard, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.registry = registry
        self.environment = environment
    }

    /// Checks the config at `path`; throws every config and source-file problem as one error (``ConfigErrors``).
    public func run(path: String, today: Date = Date()) throws -> Report {
        let reading = ConfigLoader(environment: environment).read(path: path)
        var errors = reading.errors
        guard let configuration = reading.configuration else {
            try ConfigErrors(errors).throwIfAny()
            throw MarketSyncError(.config, "cannot read config", file: path)
        }
        // One error per key: a credential whose variable is unset is not reported missing a second time.
        let reported = Set(errors.compactMap(\.key))
        errors += SyncRuntime.problems(in: configuration, registry: registry, today: today).filter { error in
            error.key.map { !reported.contains($0) } ?? true
        }
        let (validRows, warnings) = read(configuration.sources, errors: &errors)
        try ConfigErrors(errors).throwIfAny()
        return Report(configuration: configuration, validRows: validRows, warnings: warnings)
    }

    /// Reads every source as `sync` does; a file that cannot be read (or has rows but no valid one) is an error,
    /// a bad row a warning.
    private func read(_ sources: [SourceSettings], errors: inout [MarketSyncError]) -> (Int, [ImportReport.Rejection]) {
        var catalogs: [ImportReport] = []
        var lots: [LotsReader.Report] = []
        var streamedRows = 0
        var streamed: [ImportReport] = []
        for source in sources {
            do {
                switch source.kind {
                case .lots:
                    lots.append(try LotsReader().read(path: source.path, encoding: source.encoding))
                case .catalog:
                    if let commerceML = source.commerceML {
                        // Read whole, without a store: whether a delta's product exists is known only at import.
                        let package = CommerceMLSource(settings: try commerceML.resolved())
                        let (valid, rejections) = try package.check()
                        if valid == 0, let first = rejections.first {
                            errors.append(MarketSyncError(.source, "no valid row (\(rejections.count) rejected); first: \(first.reason)",
                                                          file: first.file, line: first.line))
                        }
                        streamedRows += valid
                        streamed.append(ImportReport(source: package.name, rejections: rejections))
                        catalogs.append(ImportReport(streaming: package))
                        continue
                    }
                    let report = try CatalogReader().read(path: source.path, format: source.format, encoding: source.encoding)
                    if report.products.isEmpty, let first = report.rejections.first {
                        errors.append(MarketSyncError(.source, "no valid row (\(report.rejections.count) rejected); first: \(first.reason)",
                                                      file: first.file, line: first.line))
                    }
                    catalogs.append(report)
                }
            } catch let error as MarketSyncError {
                errors.append(error)
            } catch {
                errors.append(MarketSyncError(.source, "\(error)", file: source.path))
            }
        }
        let rows = catalogs.reduce(0) { $0 + $1.products.count } + streamedRows
        // Lots files are merged over the catalogs, as in a sync: a SKU in no catalog is rejected there (with a
        // CommerceML package, only at import: the package is not held here).
        var merged = catalogs.isEmpty ? [ImportReport(source: "")] : catalogs
        LotsReader.merge(lots, into: &merged)
        return (rows, merged.flatMap(\.rejections) + streamed.flatMap(\.rejections))
    }
}
