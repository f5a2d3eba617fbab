public import Foundation
public import Logging
public import MarketSync
internal import MarketSyncConfig
internal import MarketSyncPostgres
internal import MarketSyncStore

/// Everything one command needs, wired from the configuration: the store, an adapter per channel on the
/// transport the mode asks for, and the engine over them.
public struct SyncRuntime: Sendable {
    /// The configuration it was built from.
    public let configuration: SyncConfiguration
    /// The store, opened and migrated.
    public let store: any SyncStore
    /// The engine over every channel's runner, sharing one lease set and one shutdown signal.
    public let engine: SyncEngine
    /// Each channel's adapter, on its rate-limited transport.
    public let adapters: [ChannelID: any ChannelAdapter]
    /// The clock everything was given.
    public let clock: any SyncClock
    /// The event streams of the channels that push events and have them turned on (the worker keeps them open).
    public var eventSources: [any ChannelEventSource] = []
    /// How each channel that sends webhooks (and has them turned on) has its deliveries checked, by channel.
    public var webhooks: [ChannelID: any ChannelWebhook] = [:]

    /// Makes the transport of one channel (live, recording or replaying).
    public typealias TransportMaker = @Sendable (ChannelSettings, any AdapterFactory) throws -> any Transport

    /// Opens the store and builds every channel. Config errors (unknown adapter, missing credential, no rate)
    /// throw before anything is sent.
    /// `storePath` replaces the configured store (a dry run on a store that does not exist yet plans against a
    /// temporary one, so it creates no file where the config points).
    public static func open(_ configuration: SyncConfiguration, registry: AdapterRegistry = .standard, clock: any SyncClock,
                            logger: Logger, shutdown: ShutdownSignal = ShutdownSignal(), storePath: String? = nil,
                            leaseTTL: Duration? = nil, transport: TransportMaker) throws -> SyncRuntime {
        // Every config problem at once, before anything is built.
        try validate(configuration, registry: registry, today: clock.now())
        // Opened before the adapters: a file partner's adapter keeps its control numbers and files in it.
        let store: any SyncStore
        switch configuration.store {
        case let .sqlite(path):
            store = try SQLiteStore(path: storePath ?? path)
        case let .postgres(url):
            // A dry run's scratch store stays SQLite: it must not write to the shared database.
            if let storePath {
                store = try SQLiteStore(path: storePath)
            } else {
                var storeLogger = logger
                storeLogger[metadataKey: "store"] = "postgres"
                store = try PostgresStore(url: url, logger: storeLogger)
            }
        }
        var runnersConfig: [(ChannelSettings, any ChannelAdapter, ChannelRules, RequestCounter)] = []
        var eventSources: [any ChannelEventSource] = []
        var webhooks: [ChannelID: any ChannelWebhook] = [:]
        for settings in configuration.channels {
            let factory = try registry.factory(for: settings, file: configuration.file)
            try factory.validate(settings, file: configuration.file)
            var channelLogger = logger
            channelLogger[metadataKey: LogKey.channel] = "\(settings.id)"
            if let source = try factory.makeEventSource(settings, clock: clock, logger: channelLogger) { eventSources.append(source) }
            // Every request to the channel takes a token from its bucket: the config's limit, else the adapter's.
            let defaults = try factory.makeAdapter(settings, transport: UnusedTransport(), clock: clock, logger: channelLogger)
            let bucket = TokenBucket(limit: settings.rateLimit ?? defaults.capabilities.rateLimit, clock: clock)
            let counter = RequestCounter()
            let paced = RateLimitedTransport(base: try transport(settings, factory), bucket: bucket, counter: counter)
            let adapter = try factory.makeAdapter(settings, transport: paced, clock: clock, logger: channelLogger, store: store)
            webhooks[settings.id] = try factory.makeWebhook(settings, transport: paced, clock: clock, logger: channelLogger)
            let rules = try Self.rules(for: settings, currency: adapter.capabilities.currency, configuration: configuration, today: clock.now())
            runnersConfig.append((settings, adapter, rules, counter))
        }
        let leases = ChannelLeases(store: store, clock: clock, logger: logger, ttl: leaseTTL ?? configuration.worker.leaseTTL)
        var adapters: [ChannelID: any ChannelAdapter] = [:]
        var runners: [ChannelRunner] = []
        for (settings, adapter, rules, counter) in runnersConfig {
            adapters[settings.id] = adapter
            var channelLogger = logger
            channelLogger[metadataKey: LogKey.channel] = "\(settings.id)"
            runners.append(ChannelRunner(adapter: adapter, store: store, rules: rules, clock: clock, logger: channelLogger,
                                         retry: settings.retry,
                                         initialLookback: settings.initialLookback, concurrency: settings.concurrency,
                                         breaker: settings.breaker, requests: counter, shutdown: shutdown, leases: leases,
                                         deepRescan: settings.deepRescan))
        }
        let engine = SyncEngine(store: store, runners: runners, clock: clock, logger: logger, leases: leases, shutdown: shutdown)
        var runtime = SyncRuntime(configuration: configuration, store: store, engine: engine, adapters: adapters, clock: clock)
        runtime.eventSources = eventSources
        runtime.webhooks = webhooks
        return runtime
    }

    /// Connects to the store and migrates it when that is not done at open (PostgreSQL): a server that cannot be
    /// reached fails here, at start, with `store_unreachable`, before anything is imported or sent.
    public func prepareStore() async throws {
        if let postgres = store as? PostgresStore { try await postgres.prepare() }
    }

    /// The rules of one channel from its settings and the run's rates (the config's, else the rates file's for
    /// `today`).
    static func rules(for settings: ChannelSettings, currency: Currency, configuration: SyncConfiguration, today: Date) throws -> ChannelRules {
        var rate = settings.priceRate ?? configuration.rates[currency]
        if rate == nil, let file = configuration.ratesFile {
            rate = try RatesFile.rates(file, today: today, needed: [currency])[currency]
        }
        guard let rate else {
            throw settings.configError("no RUB→\(currency) rate: set rates.\(currency), rates_file or \(settings.keyPath).price.rate",
                                       key: "price.rate")
        }
        // step is in major units with at most two decimals: 0.10 → 10 minor units.
        let stepMinor = settings.priceStep.units * (settings.priceStep.scale == 0 ? 100 : settings.priceStep.scale == 1 ? 10 : 1)
        let extras = settings.price
        // The loader checks this already; settings built in code get the same guard.
        if let ending = extras.endingMinor, ending % stepMinor != 0 {
            throw settings.configError("ending .\(ending) is not on the price step", key: "price.ending")
        }
        let price = PriceRule(rate: rate, currency: currency, stepMinor: stepMinor, rounding: settings.rounding, markup: extras.markup,
                              vat: extras.vat, ending: extras.endingMinor,
                              floor: extras.floorMinor.map { Money(minorUnits: $0, currency: currency) },
                              ceiling: extras.ceilingMinor.map { Money(minorUnits: $0, currency: currency) }, maxChange: extras.maxChange)
        return ChannelRules(stock: settings.stock, price: price)
    }

    /// Reads every configured source (or `paths` instead). A file that cannot be read, or holds rows but no valid
    /// one, throws `MarketSyncError(.source)` naming the file and first bad line: nothing is imported then. A
    /// CommerceML package is not read here but during the import (`ImportReport.stream`).
    public func readSources(_ paths: [String]? = nil) throws -> [ImportReport] {
        // --catalog replaces the configured catalogs; lots files stay.
        let sources = paths.map { $0.map { SourceSettings(path: $0, format: nil) } + configuration.sources.filter { $0.kind == .lots } }
            ?? configuration.sources
        var reports: [ImportReport] = []
        var lots: [LotsReader.Report] = []
        for source in sources {
            if source.kind == .lots {
                lots.append(try LotsReader().read(path: source.path, encoding: source.encoding))
                continue
            }
            if let commerceML = source.commerceML {
                // Read while it is imported, inside the import's transaction: only its files are found now.
                reports.append(ImportReport(streaming: CommerceMLSource(settings: try commerceML.resolved())))
                continue
            }
            let report = try CatalogReader().read(path: source.path, format: source.format, encoding: source.encoding)
            if report.products.isEmpty, let first = report.rejections.first {
                throw MarketSyncError(.source, "no valid row (\(report.rejections.count) rejected); first: \(first.reason)",
                                      file: first.file, line: first.line)
            }
            reports.append(report)
        }
        LotsReader.merge(lots, into: &reports)
        return reports
    }

    /// The runner of one channel.
    public func runner(for channel: ChannelID) -> ChannelRunner? {
        engine.runners.first { $0.adapter.channel == channel }
    }
}

extension SyncRuntime {
    /// Checks adapters, credentials, options and rules without opening the store or building transports;
    /// throws every problem at once.
    public static func validate(_ configuration: SyncConfiguration, registry: AdapterRegistry = .standard,
                                today: Date = Date()) throws {
        try ConfigErrors(problems(in: configuration, registry: registry, today: today)).throwIfAny()
    }

    /// Every problem with the channels' adapters, credentials, options and rules, each naming `file:line: key.path`.
    public static func problems(in configuration: SyncConfiguration, registry: AdapterRegistry = .standard,
                                today: Date = Date()) -> [MarketSyncError] {
        var problems: [MarketSyncError] = []
        func record(_ body: () throws -> Void) {
            do { try body() } catch let error as MarketSyncError {
                problems.append(error)
            } catch {
                problems.append(MarketSyncError(.config, "\(error)", file: configuration.file))
            }
        }
        for settings in configuration.channels {
            let factory: any AdapterFactory
            do { factory = try registry.factory(for: settings, file: configuration.file) } catch let error as MarketSyncError {
                problems.append(error)
                continue
            } catch {
                continue
            }
            problems += factory.problems(settings, file: configuration.file)
            record {
                // The currency comes from the adapter; building one with a transport that is never called is cheap.
                let adapter = try factory.makeAdapter(settings, transport: UnusedTransport(), clock: SystemClock(),
                                                      logger: Logger(label: "check"))
                _ = try rules(for: settings, currency: adapter.capabilities.currency, configuration: configuration, today: today)
            }
            record {
                // The channel's event stream and webhook check their own options; neither connects when made.
                _ = try factory.makeEventSource(settings, clock: SystemClock(), logger: Logger(label: "check"))
                _ = try factory.makeWebhook(settings, transport: UnusedTransport(), clock: SystemClock(), logger: Logger(label: "check"))
            }
        }
        return problems
    }
}

/// A transport for commands that build adapters but must not send anything (check-config, explain, approve).
public struct UnusedTransport: Transport {
    /// The transport; it keeps no state.
    public init() {}
    /// Always throws `MarketSyncError` `.transport`: nothing may be sent in this mode.
    public func send(_ request: WireRequest) async throws -> WireResponse {
        throw MarketSyncError(.transport, "no transport in this mode")
    }
}
