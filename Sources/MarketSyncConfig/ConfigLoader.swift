public import Foundation
public import MarketSync
internal import Yams

/// Reads the YAML config and the environment into `SyncConfiguration`. The one place that knows string keys:
/// an unknown key, a wrong or out-of-range value or a missing environment variable is a `MarketSyncError(.config)`
/// naming the file, line and key path, and every such problem of the file is reported at once (``ConfigErrors``).
public struct ConfigLoader: Sendable {
    let environment: [String: String]
    /// Whether a credential whose environment variable is unset is an error. Commands that only read the store
    /// (explain, held, failures, a dry run) pass false: they build adapters that never send, with empty secrets.
    let requireSecrets: Bool

    /// A loader reading credential variables from `environment`. With `requireSecrets` false, an unset variable is
    /// no error and its credential is empty.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, requireSecrets: Bool = true) {
        self.environment = environment
        self.requireSecrets = requireSecrets
    }

    /// What reading a config found: the configuration as far as it could be read (nil when the file is not
    /// YAML at all), and every problem.
    public struct Reading: Sendable {
        /// The configuration with defaults where values were missing or wrong; nil when the file cannot be read or is
        /// not a YAML mapping.
        public var configuration: SyncConfiguration?
        /// Every problem, in the order found (`ConfigErrors` sorts them).
        public var errors: [MarketSyncError]
    }

    /// Loads the file at `path`; throws every problem at once.
    public func load(path: String) throws -> SyncConfiguration {
        let reading = read(path: path)
        try ConfigErrors(reading.errors).throwIfAny()
        guard let configuration = reading.configuration else {
            throw MarketSyncError(.config, "cannot read config", file: path)
        }
        return configuration
    }

    /// Parses YAML text; relative paths resolve against the folder of `file`. Throws every problem at once.
    public func parse(_ text: String, file: String) throws -> SyncConfiguration {
        let reading = read(text, file: file)
        try ConfigErrors(reading.errors).throwIfAny()
        guard let configuration = reading.configuration else {
            throw MarketSyncError(.config, "cannot read config", file: file)
        }
        return configuration
    }

    /// Reads the file at `path`, collecting every problem instead of stopping at the first.
    public func read(path: String) -> Reading {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            return Reading(errors: [MarketSyncError(.config, "cannot read config: \((error as NSError).localizedDescription)", file: path)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return Reading(errors: [MarketSyncError(.config, "config is not UTF-8", file: path)])
        }
        return read(text, file: path)
    }

    /// Reads YAML text, collecting every problem.
    public func read(_ text: String, file: String) -> Reading {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            return Reading(errors: [Self.yamlError(error, file: file)])
        }
        let diagnostics = ConfigDiagnostics()
        guard let root, case .mapping = root, let top = ConfigMapping(root, path: "", file: file, diagnostics: diagnostics) else {
            return Reading(errors: [MarketSyncError(.config, "config must be a mapping with store, sources and channels",
                                                    file: file, line: root?.mark?.line)])
        }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        let store = Self.store(top, base: base)
        let (sources, listingLines) = Self.sources(top, base: base)
        let rates = Self.rates(top)
        let ratesFile = Self.ratesFile(top, base: base)
        let worker = Self.worker(top)
        var channels: [ChannelSettings] = []
        if let channelsNode = top.mapping("channels") {
            for key in channelsNode.keys {
                guard let node = channelsNode.mapping(key),
                      let settings = channel(ChannelID(key), node, line: channelsNode.line(of: key), base: base) else { continue }
                channels.append(settings)
            }
        }
        top.rejectUnknown()
        Self.validateListings(sources, lines: listingLines, channels: channels, top: top)
        if channels.isEmpty && !diagnostics.errors.contains(where: { $0.key?.hasPrefix("channels") == true }) {
            diagnostics.report(MarketSyncError(.config, "no channels configured", file: file, line: top.line(of: "channels"), key: "channels"))
        }
        Self.validateShares(channels, diagnostics: diagnostics)
        let configuration = SyncConfiguration(file: file, store: store, sources: sources, rates: rates, ratesFile: ratesFile,
                                              channels: channels, worker: worker)
        return Reading(configuration: configuration, errors: diagnostics.errors)
    }

    // MARK: Sections

    static func store(_ top: ConfigMapping, base: URL) -> StoreSettings {
        var store = StoreSettings.sqlite(path: base.appendingPathComponent("marketsync.sqlite").path)
        // `store: postgres://user@host:port/db` (the URL alone), or `store: {sqlite: path}` / `store: {postgres: url}`.
        if let value = top.scalarIfAny("store") {
            guard isPostgresURL(value.text) else {
                top.invalid("store", value, "is not a postgres:// URL; an SQLite file is given as store: {sqlite: path}")
                return store
            }
            return .postgres(url: value.text)
        }
        if let node = top.mapping("store") {
            if let sqlite = node.string("sqlite") {
                store = .sqlite(path: resolve(sqlite.text, against: base))
            }
            if let postgres = node.string("postgres") {
                if isPostgresURL(postgres.text) {
                    store = .postgres(url: postgres.text)
                } else {
                    node.invalid("postgres", postgres, "is not a postgres://user@host:port/database URL")
                }
            }
            node.rejectUnknown()
        }
        return store
    }

    /// The sources, and for each CommerceML one (by position in the result) its index in the config's list and
    /// the lines of its `listings` keys.
    static func sources(_ top: ConfigMapping, base: URL) -> ([SourceSettings], [Int: (index: Int, lines: [String: Int])]) {
        var sources: [SourceSettings] = []
        var listingLines: [Int: (index: Int, lines: [String: Int])] = [:]
        for (index, node) in top.sequence("sources").enumerated() {
            guard let source = ConfigMapping(node, path: "sources[\(index)]", file: top.file, diagnostics: top.diagnostics) else { continue }
            let format: CatalogReader.Format? = source.choice("format", "must be csv, json or commerceml")
            if format == .commerceml {
                if let (settings, lines) = commerceML(source, base: base) {
                    listingLines[sources.count] = (index, lines)
                    sources.append(settings)
                }
                source.rejectUnknown()
                continue
            }
            let path = source.required("path")
            let kind: SourceSettings.Kind = source.choice("kind", "must be catalog or lots") ?? .catalog
            var encoding = SourceEncoding.utf8
            if let value = source.string("encoding") {
                if let parsed = SourceEncoding(name: value.text) {
                    encoding = parsed
                } else {
                    source.invalid("encoding", value, "must be utf-8, windows-1251 or gb18030")
                }
            }
            source.rejectUnknown()
            guard let path else { continue }
            sources.append(SourceSettings(path: resolve(path.text, against: base), format: format, kind: kind, encoding: encoding))
        }
        return (sources, listingLines)
    }

    static func rates(_ top: ConfigMapping) -> [Currency: DecimalRatio] {
        var rates: [Currency: DecimalRatio] = [:]
        guard let node = top.mapping("rates") else { return rates }
        for key in node.keys {
            if let rate = node.rate(key) { rates[Currency(rawValue: key)] = rate }
        }
        return rates
    }

    static func ratesFile(_ top: ConfigMapping, base: URL) -> RatesFileSettings? {
        guard let node = top.mapping("rates_file") else { return nil }
        let path = node.required("path")
        let requireToday = node.bool("require_today") ?? false
        node.rejectUnknown()
        return path.map { RatesFileSettings(path: resolve($0.text, against: base), requireToday: requireToday) }
    }

    static func worker(_ top: ConfigMapping) -> WorkerSettings {
        var worker = WorkerSettings(interval: .seconds(300))
        if let node = top.mapping("worker") {
            if let interval = node.duration("interval") { worker.interval = interval }
            if let http = node.string("http") {
                if let address = HTTPListenAddress(parsing: http.text) {
                    worker.http = address
                } else {
                    node.invalid("http", http, "must be HOST:PORT (127.0.0.1:9464), the port from 0 to 65535")
                }
            }
            if let grace = node.duration("shutdown_grace") { worker.shutdownGrace = grace }
            if let debounce = node.duration("debounce") { worker.debounce = debounce }
            if let ttl = node.duration("lease_ttl") {
                if ttl >= .seconds(3) {
                    worker.leaseTTL = ttl
                } else if let raw = node.string("lease_ttl") {
                    node.invalid("lease_ttl", raw, "must be at least 3s (a lease is renewed every third of it)")
                }
            }
            node.rejectUnknown()
        }
        return worker
    }

    /// Shares split stock between channels: either every channel has one or none does, and they add up to at
    /// most 100 %, so the split can never promise more than there is.
    static func validateShares(_ channels: [ChannelSettings], diagnostics: ConfigDiagnostics) {
        let withShare = channels.filter { $0.stock.share != nil }
        guard let first = withShare.first else { return }
        for missing in channels where missing.stock.share == nil {
            diagnostics.report(missing.configError("every channel needs a share once one has (\(first.id) has one)", key: "stock.share"))
        }
        let total = withShare.reduce(0) { $0 + ($1.stock.share?.basisPoints ?? 0) }
        if total > Percent.hundred.basisPoints, let last = withShare.last {
            diagnostics.report(last.configError("shares add up to \(Percent(basisPoints: total)), more than 100%", key: "stock.share"))
        }
    }

    /// `500ms`, `30s`, `5m`, `1h` or `3d` (``DurationText``), or nil.
    public static func duration(_ text: String) -> Duration? {
        try? DurationText.parse(text).get()
    }

    static func resolve(_ path: String, against base: URL) -> String {
        path.hasPrefix("/") ? path : base.appendingPathComponent(path).standardizedFileURL.path
    }

    /// `file:partners/wumart` (a relative path right after `file:`, no slashes) as the absolute `file:///…` URL of
    /// that folder under `base`, the config file's folder; any other text unchanged. Lets a config that travels
    /// with its folders (the demo's, a scenario's) name a local drop without knowing where it is checked out.
    static func resolveFileURL(_ text: String, against base: URL) -> String {
        guard text.lowercased().hasPrefix("file:") else { return text }
        let path = String(text.dropFirst("file:".count))
        guard !path.isEmpty, !path.hasPrefix("/") else { return text }
        return URL(fileURLWithPath: resolve(path, against: base), isDirectory: true).absoluteString
    }

    static func yamlError(_ error: any Error, file: String) -> MarketSyncError {
        if let yaml = error as? YamlError {
            switch yaml {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                return MarketSyncError(.config, "malformed YAML: \(problem)", file: file, line: mark.line)
            case let .duplicatedKeysInMapping(duplicates, context):
                return MarketSyncError(.config, "duplicate key \(duplicates.joined(separator: ", "))", file: file, line: context.mark.line)
            default:
                break
            }
        }
        return MarketSyncError(.config, "malformed YAML: \(error)", file: file)
    }
}

/// Whether `text` is a PostgreSQL URL (`postgres://` or `postgresql://`); the store checks the rest when it opens.
func isPostgresURL(_ text: String) -> Bool {
    text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
}
