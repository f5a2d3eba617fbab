public import Foundation
public import MarketSync
internal import Yams

/// Reads the YAML config and the environment into `SyncConfiguration`. The one place that knows string keys:
/// an unknown key, a wrong value or a missing environment variable is a `MarketSyncError(.config)` naming the
/// file, line and key path.
public struct ConfigLoader: Sendable {
    private let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Loads the file at `path`.
    public func load(path: String) throws -> SyncConfiguration {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw MarketSyncError(.config, "config is not UTF-8", file: path)
            }
            text = decoded
        } catch let error as MarketSyncError {
            throw error
        } catch {
            throw MarketSyncError(.config, "cannot read config: \((error as NSError).localizedDescription)", file: path)
        }
        return try parse(text, file: path)
    }

    /// Parses YAML text; relative paths resolve against the folder of `file`.
    public func parse(_ text: String, file: String) throws -> SyncConfiguration {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw Self.yamlError(error, file: file)
        }
        guard let root, case .mapping = root else {
            throw MarketSyncError(.config, "config must be a mapping with store, sources and channels", file: file, line: root?.mark?.line)
        }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        let top = try ConfigMapping(root, path: "", file: file)

        var store = StoreSettings.sqlite(path: base.appendingPathComponent("marketsync.sqlite").path)
        if let storeNode = try top.mapping("store") {
            if let sqlite = try storeNode.string("sqlite") {
                store = .sqlite(path: Self.resolve(sqlite.text, against: base))
            }
            try storeNode.rejectUnknown()
        }

        var sources: [SourceSettings] = []
        for (index, node) in try top.sequence("sources").enumerated() {
            let source = try ConfigMapping(node, path: "sources[\(index)]", file: file)
            guard let path = try source.string("path") else { throw source.missing("path") }
            var format: CatalogReader.Format?
            if let value = try source.string("format") {
                guard let parsed = CatalogReader.Format(rawValue: value.text) else {
                    throw source.invalid("format", value, "must be csv or json")
                }
                format = parsed
            }
            var kind = SourceSettings.Kind.catalog
            if let value = try source.string("kind") {
                guard let parsed = SourceSettings.Kind(rawValue: value.text) else { throw source.invalid("kind", value, "must be catalog or lots") }
                kind = parsed
            }
            try source.rejectUnknown()
            sources.append(SourceSettings(path: Self.resolve(path.text, against: base), format: format, kind: kind))
        }

        var rates: [Currency: DecimalRatio] = [:]
        if let ratesNode = try top.mapping("rates") {
            for key in ratesNode.keys {
                guard let value = try ratesNode.string(key) else { continue }
                guard let rate = DecimalRatio(value.text) else { throw ratesNode.invalid(key, value, "must be a positive decimal like 0.0825") }
                rates[Currency(rawValue: key)] = rate
            }
        }

        var ratesFile: RatesFileSettings?
        if let node = try top.mapping("rates_file") {
            guard let path = try node.string("path") else { throw node.missing("path") }
            var requireToday = false
            if let value = try node.string("require_today") {
                guard let flag = Bool(value.text.lowercased()) else { throw node.invalid("require_today", value, "must be true or false") }
                requireToday = flag
            }
            try node.rejectUnknown()
            ratesFile = RatesFileSettings(path: Self.resolve(path.text, against: base), requireToday: requireToday)
        }

        var worker = WorkerSettings(interval: .seconds(300))
        if let workerNode = try top.mapping("worker") {
            if let value = try workerNode.string("interval") {
                guard let interval = Self.duration(value.text) else { throw workerNode.invalid("interval", value, "must be like 30s, 5m or 1h") }
                worker.interval = interval
            }
            try workerNode.rejectUnknown()
        }

        var channels: [ChannelSettings] = []
        if let channelsNode = try top.mapping("channels") {
            for key in channelsNode.keys {
                guard let node = try channelsNode.mapping(key) else { continue }
                channels.append(try channel(ChannelID(key), node))
            }
        }
        try top.rejectUnknown()
        if channels.isEmpty {
            throw MarketSyncError(.config, "no channels configured", file: file, key: "channels")
        }
        try Self.validateShares(channels, file: file)
        return SyncConfiguration(file: file, store: store, sources: sources, rates: rates, ratesFile: ratesFile,
                                 channels: channels, worker: worker)
    }

    private func channel(_ id: ChannelID, _ node: ConfigMapping) throws -> ChannelSettings {
        guard let adapter = try node.string("adapter") else { throw node.missing("adapter") }
        guard let endpointValue = try node.string("endpoint") else { throw node.missing("endpoint") }
        guard let endpoint = URL(string: endpointValue.text), endpoint.scheme != nil, endpoint.host != nil || endpoint.scheme == "file" else {
            throw node.invalid("endpoint", endpointValue, "must be a URL like https://host/path")
        }
        var values: [String: String] = [:]
        var sources: [String: String] = [:]
        if let credentials = try node.mapping("credentials") {
            for name in credentials.keys {
                guard let variable = try credentials.string(name) else { continue }
                guard let value = environment[variable.text], !value.isEmpty else {
                    throw MarketSyncError(.config, "environment variable \(variable.text) is not set",
                                          file: node.file, line: variable.line, key: "\(credentials.path).\(name)")
                }
                values[name] = value
                sources[name] = variable.text
            }
        }
        var priceRate: DecimalRatio?
        var extras = PriceExtras()
        var step = DecimalRatio(units: 1, scale: 2)
        var rounding = RoundingRule.nearest
        if let price = try node.mapping("price") {
            if let value = try price.string("rate") {
                guard let rate = DecimalRatio(value.text) else { throw price.invalid("rate", value, "must be a positive decimal like 0.0825") }
                priceRate = rate
            }
            if let value = try price.string("step") {
                guard let parsed = DecimalRatio(value.text), parsed.scale <= 2 else {
                    throw price.invalid("step", value, "must be a positive amount like 0.10 or 1")
                }
                step = parsed
            }
            if let value = try price.string("rounding") {
                guard let parsed = RoundingRule(rawValue: value.text) else { throw price.invalid("rounding", value, "must be nearest, up or down") }
                rounding = parsed
            }
            extras.markup = try price.percent("markup")
            extras.vat = try price.percent("vat")
            extras.maxChange = try price.percent("max_change")
            if let maxChange = extras.maxChange, maxChange.basisPoints == 0 {
                throw MarketSyncError(.config, "must be above 0%", file: node.file, key: price.keyPath("max_change"))
            }
            if let value = try price.string("ending") {
                guard let minor = Money.parseDecimal(value.text, currency: .cny)?.minorUnits, minor < 100 else {
                    throw price.invalid("ending", value, "must be the fraction prices end with, like 0.90 or 0.99")
                }
                extras.endingMinor = minor
            }
            extras.floorMinor = try price.amount("floor")
            extras.ceilingMinor = try price.amount("ceiling")
            if let floor = extras.floorMinor, let ceiling = extras.ceilingMinor, floor > ceiling {
                throw MarketSyncError(.config, "floor is above ceiling", file: node.file, line: try price.line(of: "floor"), key: price.keyPath("floor"))
            }
            try price.rejectUnknown()
        }
        var interval: Duration?
        if let schedule = try node.mapping("schedule") {
            if let value = try schedule.string("every") {
                guard let parsed = Self.duration(value.text) else { throw schedule.invalid("every", value, "must be like 30s, 5m or 1h") }
                interval = parsed
            }
            try schedule.rejectUnknown()
        }
        var rateLimit: RateLimit?
        if let limit = try node.mapping("rate_limit") {
            guard let perSecond = try limit.string("per_second") else { throw limit.missing("per_second") }
            guard let rate = Double(perSecond.text), rate > 0 else { throw limit.invalid("per_second", perSecond, "must be a positive number") }
            var burst = max(1, Int(rate.rounded(.up)))
            if let value = try limit.string("burst") {
                guard let parsed = Int(value.text), parsed > 0 else { throw limit.invalid("burst", value, "must be a positive whole number") }
                burst = parsed
            }
            try limit.rejectUnknown()
            rateLimit = RateLimit(requestsPerSecond: rate, burst: burst)
        }
        var retry = RetryPolicy()
        if let retryNode = try node.mapping("retry") {
            if let value = try retryNode.string("attempts") {
                guard let parsed = Int(value.text), (1...20).contains(parsed) else { throw retryNode.invalid("attempts", value, "must be 1 to 20") }
                retry.maxAttempts = parsed
            }
            if let value = try retryNode.string("initial_delay") {
                guard let parsed = Self.duration(value.text) else { throw retryNode.invalid("initial_delay", value, "must be like 500ms or 2s") }
                retry.initialDelay = parsed
            }
            if let value = try retryNode.string("max_delay") {
                guard let parsed = Self.duration(value.text) else { throw retryNode.invalid("max_delay", value, "must be like 30s") }
                retry.maxDelay = parsed
            }
            try retryNode.rejectUnknown()
        }
        var stock = StockRule()
        if let node = try node.mapping("stock") {
            stock = try Self.stockRule(node)
        }
        var concurrency = 1
        if let value = try node.string("concurrency") {
            guard let parsed = Int(value.text), (1...64).contains(parsed) else { throw node.invalid("concurrency", value, "must be 1 to 64") }
            concurrency = parsed
        }
        var breaker = CircuitBreaker()
        if let node = try node.mapping("circuit_breaker") {
            var threshold = breaker.threshold, cooldown = breaker.cooldown
            if let value = try node.string("failures") {
                guard let parsed = Int(value.text), parsed > 0 else { throw node.invalid("failures", value, "must be a positive whole number") }
                threshold = parsed
            }
            if let value = try node.string("cooldown") {
                guard let parsed = Self.duration(value.text) else { throw node.invalid("cooldown", value, "must be like 30s or 5m") }
                cooldown = parsed
            }
            try node.rejectUnknown()
            breaker = CircuitBreaker(threshold: threshold, cooldown: cooldown)
        }
        var initialLookback: Duration?
        if let orders = try node.mapping("orders") {
            if let value = try orders.string("initial_lookback") {
                guard let parsed = Self.duration(value.text) else { throw orders.invalid("initial_lookback", value, "must be like 1h or 30m") }
                initialLookback = parsed
            }
            try orders.rejectUnknown()
        }
        var options: [String: ConfigValue] = [:]
        if let optionsNode = try node.mapping("options") {
            try optionsNode.flatten(into: &options, prefix: "")
        }
        try node.rejectUnknown()
        return ChannelSettings(id: id, adapter: adapter.text, endpoint: endpoint, credentials: Credentials(values: values, sources: sources),
                               priceRate: priceRate, priceStep: step, rounding: rounding, price: extras, stock: stock,
                               concurrency: concurrency, breaker: breaker, interval: interval,
                               rateLimit: rateLimit, retry: retry, initialLookback: initialLookback,
                               options: options, keyPath: node.path)
    }

    static func stockRule(_ node: ConfigMapping) throws -> StockRule {
        var rule = StockRule()
        if let value = try node.string("buffer") {
            if value.text.hasSuffix("%") {
                guard let percent = Percent(value.text), percent < Percent.hundred else { throw node.invalid("buffer", value, "must be 0% to 99.99% or a whole number of units ≥ 0") }
                rule.buffer = .percent(percent)
            } else {
                guard let units = Int64(value.text), units >= 0 else { throw node.invalid("buffer", value, "must be a whole number of units ≥ 0 or a percentage like 10%") }
                rule.buffer = .units(units)
            }
        }
        if let share = try node.percent("share") {
            guard share.basisPoints > 0, share <= Percent.hundred else {
                throw MarketSyncError(.config, "must be above 0% and at most 100%", file: node.file, key: node.keyPath("share"))
            }
            rule.share = share
        }
        rule.maxShown = try node.count("max_shown")
        rule.zeroAtOrBelow = try node.count("zero_at_or_below")
        if let value = try node.string("min_shelf_life") {
            let text = value.text.trimmingWhitespace()
            if text.hasSuffix("%") {
                guard let share = Percent(text), share.basisPoints > 0, share < Percent.hundred else {
                    throw node.invalid("min_shelf_life", value, "must be a share below 100% like 67%, or days like 30d")
                }
                rule.minShelfLife = .share(share)
            } else {
                let digits = text.hasSuffix("d") ? String(text.dropLast()) : text
                guard let days = Int32(digits), days >= 0 else { throw node.invalid("min_shelf_life", value, "must be days like 30d, or a share like 67%") }
                rule.minShelfLife = .days(days)
            }
        }
        let warehouses = try node.sequence("warehouses")
        if !warehouses.isEmpty {
            rule.warehouses = Set(warehouses.compactMap(\.string))
        }
        try node.rejectUnknown()
        return rule
    }

    /// Shares split stock between channels: either every channel has one or none does, and they add up to at
    /// most 100 %, so the split can never promise more than there is.
    static func validateShares(_ channels: [ChannelSettings], file: String) throws {
        let withShare = channels.filter { $0.stock.share != nil }
        guard !withShare.isEmpty else { return }
        if let missing = channels.first(where: { $0.stock.share == nil }) {
            throw MarketSyncError(.config, "every channel needs a share once one has (\(withShare[0].id) has one)", file: file,
                                  key: "\(missing.keyPath).stock.share")
        }
        let total = withShare.reduce(0) { $0 + ($1.stock.share?.basisPoints ?? 0) }
        if total > Percent.hundred.basisPoints, let last = withShare.last {
            throw MarketSyncError(.config, "shares add up to \(Percent(basisPoints: total)), more than 100%", file: file,
                                  key: "\(last.keyPath).stock.share")
        }
    }

    /// `30s`, `5m`, `1h`, `500ms` or plain seconds.
    public static func duration(_ text: String) -> Duration? {
        let trimmed = text.trimmingWhitespace()
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, millis) in units where trimmed.hasSuffix(suffix) {
            guard let value = Int64(trimmed.dropLast(suffix.count)), value > 0 else { return nil }
            return .milliseconds(value * millis)
        }
        guard let seconds = Int64(trimmed), seconds > 0 else { return nil }
        return .seconds(seconds)
    }

    static func resolve(_ path: String, against base: URL) -> String {
        path.hasPrefix("/") ? path : base.appendingPathComponent(path).standardizedFileURL.path
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
