public import Foundation

/// The whole configuration, parsed once at the edge from one YAML file and the environment.
public struct SyncConfiguration: Sendable {
    /// The file it came from (messages name it).
    public var file: String
    public var store: StoreSettings
    public var sources: [SourceSettings]
    /// RUB → channel currency rates fixed for the run, by currency code (`CNY: "0.0825"`).
    public var rates: [Currency: DecimalRatio]
    /// A dated rates file, used for currencies `rates` does not name.
    public var ratesFile: RatesFileSettings?
    public var channels: [ChannelSettings]
    public var worker: WorkerSettings

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
    public var path: String
    public var requireToday: Bool
    public init(path: String, requireToday: Bool) {
        self.path = path
        self.requireToday = requireToday
    }
}

/// Where the store lives.
public enum StoreSettings: Sendable, Hashable {
    /// An embedded SQLite file (the default: `marketsync.sqlite` beside the config).
    case sqlite(path: String)
}

/// One source: a catalog (products with one lot each), or a lots file (several dated lots per SKU).
public struct SourceSettings: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case catalog, lots }
    public var path: String
    public var format: CatalogReader.Format?
    public var kind: Kind
    /// How the file's text is encoded (default UTF-8).
    public var encoding: SourceEncoding
    public init(path: String, format: CatalogReader.Format?, kind: Kind = .catalog, encoding: SourceEncoding = .utf8) {
        self.path = path
        self.format = format
        self.kind = kind
        self.encoding = encoding
    }
}

/// The worker's loop.
public struct WorkerSettings: Sendable, Hashable {
    /// Seconds between runs when a channel names no schedule.
    public var interval: Duration
    public init(interval: Duration) { self.interval = interval }
}

/// Secret values resolved from the environment. Never printed: `description` shows only the names.
public struct Credentials: Sendable, CustomStringConvertible {
    private let values: [String: String]
    /// Which environment variable each credential came from (for messages).
    public let sources: [String: String]

    public init(values: [String: String], sources: [String: String]) {
        self.values = values
        self.sources = sources
    }

    public subscript(name: String) -> String? { values[name] }
    public var names: [String] { values.keys.sorted() }
    public var description: String { "Credentials(\(names.joined(separator: ", ")))" }
}

/// One channel as configured.
public struct ChannelSettings: Sendable {
    public var id: ChannelID
    /// The adapter's registered name (`epinduo`).
    public var adapter: String
    public var endpoint: URL
    public var credentials: Credentials
    public var priceRate: DecimalRatio?
    public var priceStep: DecimalRatio
    public var rounding: RoundingRule
    /// Price rule extras, amounts in major units of the channel currency.
    public var price: PriceExtras
    public var stock: StockRule
    /// Batches in flight at once on this channel.
    public var concurrency: Int
    public var breaker: CircuitBreaker
    public var interval: Duration?
    public var rateLimit: RateLimit?
    public var retry: RetryPolicy
    /// How far back the very first order pull reaches (default: the adapter's).
    public var initialLookback: Duration?
    /// Adapter-specific options, flattened with dots (`methods.stock`), each with its line for messages.
    public var options: [String: ConfigValue]
    /// The key path of this channel in the file (`channels.epinduo`).
    public var keyPath: String
    /// The config file the channel was read from.
    public var file: String
    /// The line of each key under the channel, by path relative to it (`price.ending`, `options.page_size`; `""`
    /// is the channel's own key), so errors found after parsing still name `file:line: key.path`.
    public var lines: [String: Int]

    public init(id: ChannelID, adapter: String, endpoint: URL, credentials: Credentials, priceRate: DecimalRatio?,
                priceStep: DecimalRatio, rounding: RoundingRule, price: PriceExtras = PriceExtras(), stock: StockRule = StockRule(),
                concurrency: Int = 1, breaker: CircuitBreaker = CircuitBreaker(), interval: Duration?, rateLimit: RateLimit?,
                retry: RetryPolicy, initialLookback: Duration? = nil, options: [String: ConfigValue], keyPath: String,
                file: String = "", lines: [String: Int] = [:]) {
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
    public var text: String
    public var line: Int?
    public init(text: String, line: Int?) {
        self.text = text
        self.line = line
    }
}

/// Price settings beyond rate, step and rounding; amounts in minor units of the channel currency.
public struct PriceExtras: Sendable, Hashable {
    public var markup: Percent?
    public var vat: Percent?
    /// 90: prices end in .90.
    public var endingMinor: Int64?
    public var floorMinor: Int64?
    public var ceilingMinor: Int64?
    public var maxChange: Percent?
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
