internal import Foundation
internal import MarketSync

extension ConfigLoader {
    /// One channel under `channels:`, or nil when what identifies it (adapter, endpoint) is missing or wrong;
    /// every problem is reported either way.
    func channel(_ id: ChannelID, _ node: ConfigMapping, line: Int?, base: URL) -> ChannelSettings? {
        let adapter = node.required("adapter")
        let endpoint = Self.endpoint(node, base: base)
        let credentials = credentials(node)
        let price = Self.price(node)
        var kindSchedule: [WorkKind: Duration] = [:]
        let interval = node.mapping("schedule").flatMap { schedule in
            defer { schedule.rejectUnknown() }
            for kind in WorkKind.allCases {
                if let every = schedule.duration(kind.rawValue) { kindSchedule[kind] = every }
            }
            return schedule.duration("every")
        }
        let rateLimit = Self.rateLimit(node)
        let retry = Self.retry(node)
        let stock = node.mapping("stock").map(Self.stockRule) ?? StockRule()
        let concurrency = node.integer("concurrency", in: 1...64).map(Int.init) ?? 1
        let breaker = Self.breaker(node)
        let orders = Self.orders(node)
        let timeZone = Self.timeZone(node)
        var options: [String: ConfigValue] = [:]
        node.mapping("options")?.flatten(into: &options, prefix: "")
        if let url = options["delivery.url"] {
            options["delivery.url"] = ConfigValue(text: Self.resolveFileURL(url.text, against: base), line: url.line)
        }
        node.rejectUnknown()
        guard let adapter, let endpoint else { return nil }
        var lines = node.lines
        // Errors about the channel as a whole (a missing rate, missing credentials) point at its own key.
        lines[""] = line ?? lines[""]
        var settings = ChannelSettings(id: id, adapter: adapter.text, endpoint: endpoint, credentials: credentials,
                                       priceRate: price.rate, priceStep: price.step, rounding: price.rounding, price: price.extras,
                                       stock: stock, concurrency: concurrency, breaker: breaker, interval: interval,
                                       rateLimit: rateLimit, retry: retry, initialLookback: orders.initialLookback,
                                       deepRescan: orders.deepRescan, timeZone: timeZone, options: options, keyPath: node.path,
                                       file: node.file, lines: lines)
        settings.schedule = kindSchedule
        return settings
    }

    /// `orders:`: the first pull's look-back and the deep re-scan. `deep_rescan_every: off` turns the adapter's
    /// re-scan off; either key alone turns one on with the other's default.
    static func orders(_ node: ConfigMapping) -> (initialLookback: Duration?, deepRescan: DeepRescanSetting) {
        guard let orders = node.mapping("orders") else { return (nil, .adapterDefault) }
        defer { orders.rejectUnknown() }
        let initialLookback = orders.duration("initial_lookback")
        let days = orders.integer("deep_rescan_days", in: ValueRanges.deepRescanDays).map(Int.init)
        if let every = orders.string("deep_rescan_every"), every.text.trimmingWhitespace() == "off" {
            if days != nil { orders.report("has no effect with deep_rescan_every: off", key: "deep_rescan_days") }
            return (initialLookback, .off)
        }
        let every = orders.duration("deep_rescan_every")
        guard every != nil || days != nil else { return (initialLookback, .adapterDefault) }
        return (initialLookback, .on(DeepRescanPolicy(every: every ?? DeepRescanPolicy.defaultEvery, days: days ?? DeepRescanPolicy.defaultDays)))
    }

    /// `time_zone`: an IANA name (`Asia/Shanghai`); UTC when absent.
    static func timeZone(_ node: ConfigMapping) -> ChannelTimeZone {
        guard let value = node.string("time_zone") else { return .utc }
        guard let zone = ChannelTimeZone(identifier: value.text.trimmingWhitespace()) else {
            node.invalid("time_zone", value, "must be an IANA time zone name, like UTC, Asia/Shanghai or Europe/Moscow")
            return .utc
        }
        return zone
    }

    static func endpoint(_ node: ConfigMapping, base: URL) -> URL? {
        guard let value = node.required("endpoint") else { return nil }
        guard let endpoint = URL(string: resolveFileURL(value.text, against: base)), endpoint.scheme != nil, endpoint.host != nil || endpoint.scheme == "file" else {
            node.invalid("endpoint", value, "must be a URL like https://host/path")
            return nil
        }
        return endpoint
    }

    /// Credential name → the value of the environment variable the config names for it.
    func credentials(_ node: ConfigMapping) -> Credentials {
        var values: [String: String] = [:]
        var sources: [String: String] = [:]
        if let credentials = node.mapping("credentials") {
            for name in credentials.keys {
                guard let variable = credentials.string(name) else { continue }
                guard let value = secret(variable.text), !value.isEmpty else {
                    if requireSecrets, let file = environment[variable.text + "_FILE"], !file.isEmpty {
                        credentials.report("the file \(variable.text)_FILE names cannot be read or is empty", key: name, line: variable.line)
                    } else if requireSecrets {
                        credentials.report("environment variable \(variable.text) is not set", key: name, line: variable.line)
                    } else {
                        values[name] = ""
                        sources[name] = variable.text
                    }
                    continue
                }
                values[name] = value
                sources[name] = variable.text
            }
        }
        return Credentials(values: values, sources: sources)
    }

    /// The secret in environment variable `variable`; when it is unset, the content of the file that
    /// `<variable>_FILE` names (one trailing newline dropped), so a secret can be rotated by rewriting that file and
    /// reloading (SIGHUP) instead of restarting the process (docs/operations.md, "Reload and credential rotation").
    func secret(_ variable: String) -> String? {
        if let value = environment[variable], !value.isEmpty { return value }
        guard let path = environment[variable + "_FILE"], !path.isEmpty,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\r\n") { text.removeLast(2) } else if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    static func rateLimit(_ node: ConfigMapping) -> RateLimit? {
        guard let limit = node.mapping("rate_limit") else { return nil }
        defer { limit.rejectUnknown() }
        // Read before per_second is judged, so a bad rate does not also report `burst` as an unknown key.
        let configuredBurst = limit.integer("burst", in: ValueRanges.burst).map(Int.init)
        guard let perSecond = limit.required("per_second") else { return nil }
        // `Double` would read inf, nan and 1e400; the range check keeps them out.
        guard let rate = Double(perSecond.text), rate.isFinite, rate > 0, rate <= ValueRanges.maximumRequestsPerSecond else {
            limit.invalid("per_second", perSecond, "must be a number above 0 and at most \(Int(ValueRanges.maximumRequestsPerSecond))")
            return nil
        }
        let burst = configuredBurst ?? max(1, Int(rate.rounded(.up)))
        return RateLimit(requestsPerSecond: rate, burst: burst)
    }

    static func retry(_ node: ConfigMapping) -> RetryPolicy {
        var retry = RetryPolicy()
        guard let node = node.mapping("retry") else { return retry }
        if let attempts = node.integer("attempts", in: 1...20) { retry.maxAttempts = Int(attempts) }
        if let delay = node.duration("initial_delay") { retry.initialDelay = delay }
        if let delay = node.duration("max_delay") { retry.maxDelay = delay }
        node.rejectUnknown()
        return retry
    }

    static func breaker(_ node: ConfigMapping) -> CircuitBreaker {
        let defaults = CircuitBreaker()
        guard let node = node.mapping("circuit_breaker") else { return defaults }
        let threshold = node.integer("failures", in: ValueRanges.breakerFailures).map(Int.init) ?? defaults.threshold
        let cooldown = node.duration("cooldown") ?? defaults.cooldown
        node.rejectUnknown()
        return CircuitBreaker(threshold: threshold, cooldown: cooldown)
    }
}
