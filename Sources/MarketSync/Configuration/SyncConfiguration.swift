public import Foundation

/// The whole configuration, parsed once at the edge from one YAML file and the environment.
public struct SyncConfiguration: Sendable {
    /// The file it came from (messages name it).
    public var file: String
    /// Where the store lives (default: `marketsync.sqlite` beside the config file).
    public var store: StoreSettings
    /// Catalog and lots files, in config order.
    public var sources: [SourceSettings]
    /// RUB → channel currency rates fixed for the run, by currency code (`CNY: "0.0825"`).
    public var rates: [Currency: DecimalRatio]
    /// A dated rates file, used for currencies `rates` does not name.
    public var ratesFile: RatesFileSettings?
    /// Every configured channel, in file order.
    public var channels: [ChannelSettings]
    /// The worker loop's settings (`worker:`).
    public var worker: WorkerSettings

    /// A configuration as the config loader builds it; tests build them by hand.
    public init(file: String, store: StoreSettings, sources: [SourceSettings], rates: [Currency: DecimalRatio],
                ratesFile: RatesFileSettings? = nil, channels: [ChannelSettings], worker: WorkerSettings) {
        self.file = file
        self.store = store
        self.sources = sources
        self.rates = rates
        self.ratesFile = ratesFile
        self.channels = channels
        self.worker = worker
    }
}

/// A CSV of dated rates (`date,currency,rate`): the run uses each currency's latest rate dated today or
/// earlier, or, with `requireToday`, only today's.
public struct RatesFileSettings: Sendable, Hashable {
    /// The CSV file, as an absolute path (the loader resolves it against the config's folder).
    public var path: String
    /// `require_today` (default false): only a rate dated today counts, so a stale file fails the run instead of
    /// pricing with an old rate.
    public var requireToday: Bool
    /// The rates file at `path`.
    public init(path: String, requireToday: Bool) {
        self.path = path
        self.requireToday = requireToday
    }
}

/// Where the store lives.
public enum StoreSettings: Sendable, Hashable {
    /// An embedded SQLite file (the default: `marketsync.sqlite` beside the config).
    case sqlite(path: String)
    /// A PostgreSQL database shared by several workers, at a `postgres://user@host:port/database` URL (no password:
    /// it comes from the environment, `PGPASSWORD`).
    case postgres(url: String)
}

/// One source: a catalog (products with one lot each), or a lots file (several dated lots per SKU).
public struct SourceSettings: Sendable, Hashable {
    /// What a source holds: `catalog` (products, the default) or `lots` (dated lots per SKU, put over the catalogs'
    /// products by `LotsReader.merge(_:into:)`).
    public enum Kind: String, Sendable, Hashable { case catalog, lots }
    /// The file, as an absolute path (the loader resolves it against the config's folder).
    public var path: String
    /// `csv` or `json`; nil: from the file's extension. Lots files are always CSV.
    public var format: CatalogReader.Format?
    /// Whether the file is a catalog or a lots file.
    public var kind: Kind
    /// How the file's text is encoded (default UTF-8).
    public var encoding: SourceEncoding
    /// For `format: commerceml`: the package's files and how they are read (`path` is then the folder or the
    /// first file, for messages).
    public var commerceML: CommerceMLSettings?
    /// A source; by default a UTF-8 catalog.
    public init(path: String, format: CatalogReader.Format?, kind: Kind = .catalog, encoding: SourceEncoding = .utf8,
                commerceML: CommerceMLSettings? = nil) {
        self.path = path
        self.format = format
        self.kind = kind
        self.encoding = encoding
        self.commerceML = commerceML
    }
}

/// The worker's loop.
public struct WorkerSettings: Sendable, Hashable {
    /// Seconds between runs when a channel names no schedule.
    public var interval: Duration
    /// Where the status endpoint listens (`worker.http`); nil: no endpoint unless `worker --http` asks for one.
    public var http: HTTPListenAddress?
    /// `worker.shutdown_grace` (default 30 s): after SIGTERM or SIGINT, how long the run in flight may take to
    /// finish its batches; past it the run is cancelled, recorded as interrupted, and the worker exits 130.
    public var shutdownGrace: Duration = .seconds(30)
    /// `worker.debounce` (default 2 s): a triggered run (the source changed, an order reserved stock) starts this
    /// long after the first trigger; every trigger within that window joins the same run.
    public var debounce: Duration = .seconds(2)
    /// `worker.lease_ttl` (default 60 s): how long a channel's lease lasts unless renewed. A worker that dies on
    /// another host loses its channels to the other workers this long after its last renewal (on the same host, at
    /// once: a holder whose process is gone is taken over). Renewals come every third of it.
    public var leaseTTL: Duration = .seconds(60)
    /// Worker settings with this default interval and no endpoint unless given.
    public init(interval: Duration, http: HTTPListenAddress? = nil) {
        self.interval = interval
        self.http = http
    }
}

/// Secret values resolved from the environment. Never printed: `description` shows only the names.
public struct Credentials: Sendable, CustomStringConvertible, CustomReflectable {
    private let values: [String: String]
    /// Which environment variable each credential came from (for messages).
    public let sources: [String: String]

    /// Secrets by credential name (`client_secret`), and the environment variable each came from.
    public init(values: [String: String], sources: [String: String]) {
        self.values = values
        self.sources = sources
    }

    /// The secret named `name`; nil when the config names no such credential, empty when its variable is unset
    /// and the loader was told not to require secrets.
    public subscript(name: String) -> String? { values[name] }
    /// The credential names, sorted; never the values.
    public var names: [String] { values.keys.sorted() }
    /// `Credentials(access_token, client_id, client_secret)`: names only, so interpolating or printing shows no secret.
    public var description: String { "Credentials(\(names.joined(separator: ", ")))" }
    /// What `dump` and debuggers see: the names and where each came from, never a value.
    public var customMirror: Mirror {
        Mirror(self, children: ["names": names, "sources": sources], displayStyle: .struct)
    }
}

/// One channel as configured.
public struct ChannelSettings: Sendable {
    /// The channel's key under `channels:`.
    public var id: ChannelID
    /// The adapter's registered name (`epinduo`).
    public var adapter: String
    /// The channel's base URL (`https://host/path`) or a `file:` URL; recording points it at a local sandbox.
    public var endpoint: URL
    /// The adapter's secrets, read from the environment variables named under `credentials:`.
    public var credentials: Credentials
    /// `price.rate`: RUB → channel currency for this channel alone; nil: the config's `rates`, then the rates file.
    public var priceRate: DecimalRatio?
    /// `price.step`, in major units of the channel currency with at most two decimals (default 0.01).
    public var priceStep: DecimalRatio
    /// How prices are rounded to the step (`price.rounding`, default `nearest`).
    public var rounding: RoundingRule
    /// Price rule extras (markup, VAT, ending, floor, ceiling, max change); amounts in minor units of the channel
    /// currency (the config writes them in major units).
    public var price: PriceExtras
    /// `stock:`; by default everything on hand is offered, with no buffer.
    public var stock: StockRule
    /// Batches in flight at once on this channel.
    public var concurrency: Int
    /// `circuit_breaker:` (default: open after 5 consecutive failed sends, for 5 minutes).
    public var breaker: CircuitBreaker
    /// `schedule.every`: how often the worker runs this channel; nil: `worker.interval` (or `--interval`).
    public var interval: Duration?
    /// `schedule.stock`, `schedule.prices`, `schedule.orders`: one kind of work on its own interval; a kind not
    /// named here runs every `interval`.
    public var schedule: [WorkKind: Duration] = [:]
    /// `rate_limit:`; nil: the adapter's own (`ChannelCapabilities.rateLimit`).
    public var rateLimit: RateLimit?
    /// `retry:`: how transient failures are retried (default 5 attempts, 500 ms doubling up to 30 s).
    public var retry: RetryPolicy
    /// How far back the very first order pull reaches (default: the adapter's).
    public var initialLookback: Duration?
    /// `orders.deep_rescan_every` / `orders.deep_rescan_days`: the periodic re-read of the last days' orders
    /// (default: the adapter's, none for most).
    public var deepRescan: DeepRescanSetting
    /// `time_zone`: the IANA zone the channel's API and people speak local dates in (default UTC). An adapter whose
    /// API takes or gives local dates reads it here; `ChannelTimeZone.instants(of:)` turns a day into instants.
    public var timeZone: ChannelTimeZone
    /// Adapter-specific options, flattened with dots (`methods.stock`), each with its line for messages.
    public var options: [String: ConfigValue]
    /// How often the worker does `kind` on this channel: its own schedule, else `schedule.every`, else `fallback`.
    public func interval(for kind: WorkKind, fallback: Duration) -> Duration {
        schedule[kind] ?? interval ?? fallback
    }
    /// The key path of this channel in the file (`channels.epinduo`).
    public var keyPath: String
    /// The config file the channel was read from.
    public var file: String
    /// The line of each key under the channel, by path relative to it (`price.ending`, `options.page_size`; `""`
    /// is the channel's own key), so errors found after parsing still name `file:line: key.path`.
    public var lines: [String: Int]

    /// A channel as the loader builds it; the defaults are the config's.
    public init(id: ChannelID, adapter: String, endpoint: URL, credentials: Credentials, priceRate: DecimalRatio?,
                priceStep: DecimalRatio, rounding: RoundingRule, price: PriceExtras = PriceExtras(), stock: StockRule = StockRule(),
                concurrency: Int = 1, breaker: CircuitBreaker = CircuitBreaker(), interval: Duration?, rateLimit: RateLimit?,
                retry: RetryPolicy, initialLookback: Duration? = nil, deepRescan: DeepRescanSetting = .adapterDefault,
                timeZone: ChannelTimeZone = .utc, options: [String: ConfigValue], keyPath: String,
                file: String = "", lines: [String: Int] = [:]) {
        self.deepRescan = deepRescan
        self.timeZone = timeZone
        self.price = price
        self.stock = stock
        self.concurrency = concurrency
        self.breaker = breaker
        self.id = id
        self.adapter = adapter
        self.endpoint = endpoint
        self.credentials = credentials
        self.priceRate = priceRate
        self.priceStep = priceStep
        self.rounding = rounding
        self.interval = interval
        self.rateLimit = rateLimit
        self.retry = retry
        self.initialLookback = initialLookback
        self.options = options
        self.keyPath = keyPath
        self.file = file
        self.lines = lines
    }
}

/// A scalar from the config file with where it was.
public struct ConfigValue: Sendable, Hashable {
    /// The scalar as written, not yet parsed.
    public var text: String
    /// Its 1-based line in the config file, when known.
    public var line: Int?
    /// A value read at `line`.
    public init(text: String, line: Int?) {
        self.text = text
        self.line = line
    }
}

/// Price settings beyond rate, step and rounding; amounts in minor units of the channel currency.
public struct PriceExtras: Sendable, Hashable {
    /// `price.markup` (0 % to 1000 %), applied after the rate; nil: none.
    public var markup: Percent?
    /// `price.vat` (0 % to 100 %), for channels whose prices include VAT; nil: prices go without it.
    public var vat: Percent?
    /// 90: prices end in .90.
    public var endingMinor: Int64?
    /// `price.floor`: a price below it is held, not pushed; nil: no floor.
    public var floorMinor: Int64?
    /// `price.ceiling`: a price above it is held, not pushed; nil: no ceiling.
    public var ceilingMinor: Int64?
    /// `price.max_change`: a larger change from the acknowledged price is held until approved; nil: no limit.
    public var maxChange: Percent?
    /// Extras as given; nil everywhere means the plain rate, step and rounding.
    public init(markup: Percent? = nil, vat: Percent? = nil, endingMinor: Int64? = nil, floorMinor: Int64? = nil,
                ceilingMinor: Int64? = nil, maxChange: Percent? = nil) {
        self.markup = markup
        self.vat = vat
        self.endingMinor = endingMinor
        self.floorMinor = floorMinor
        self.ceilingMinor = ceilingMinor
        self.maxChange = maxChange
    }
}
