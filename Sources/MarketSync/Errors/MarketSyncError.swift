/// The one error type of marketsync: an extensible code, a message safe to log (no secrets, no payloads,
/// no buyer data), what it concerns (channel, SKU, file, line, key) and the error underneath.
public struct MarketSyncError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. Callers match on codes, never on message text.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's label (`rate_limited`): short and snake_case, what summaries, the JSON and metrics carry.
        public let description: String
        /// A code with this label. Codes are extensible: a module declares its own as a `static let` in an
        /// extension of `Code`, with a label no other code uses.
        public init(_ description: String) { self.description = description }

        /// A configuration file or value is wrong (exit code 2).
        public static let config = Code("config")
        /// A source file (catalog) cannot be read at all.
        public static let source = Code("source")
        /// The network failed or timed out before a response came.
        public static let transport = Code("transport")
        /// The channel answered 5xx or a temporary error: try again later.
        public static let channelUnavailable = Code("channel_unavailable")
        /// The channel throttled the call; `retryAfter` says when to try again if it said.
        public static let rateLimited = Code("rate_limited")
        /// The channel rejected the value (field in `key`): do not retry.
        public static let validation = Code("validation")
        /// Credentials were rejected or a signature did not verify.
        public static let unauthorized = Code("unauthorized")
        /// The channel answered something marketsync cannot read.
        public static let protocolViolation = Code("protocol")
        /// The channel answered success with a body that cannot be read at all (a gateway's HTML page, a body cut
        /// off): transient like `channelUnavailable`, and retried the same way, but named apart so a summary or a
        /// metric tells a proxy or a dropped connection (or, when it persists, a wrong endpoint) from an outage.
        public static let garbledResponse = Code("garbled_response")
        /// The store failed.
        public static let store = Code("store")
        /// A cassette has no interaction for a request, or one was never used.
        public static let cassette = Code("cassette")
        /// The operation was cancelled (shutdown).
        public static let cancelled = Code("cancelled")
        /// Another process holds the channel's lease (it is syncing that channel now).
        public static let leaseHeld = Code("lease_held")
        /// This process lost a channel's lease it held (it expired and another process took it over).
        public static let leaseLost = Code("lease_lost")
    }

    /// What kind of failure this is: what callers, `isRetryable` and the exit status decide on.
    public var code: Code
    /// For people and logs: no secrets, no payload bodies, no buyer data. Never matched on.
    public var message: String
    /// The channel the failure concerns, if any.
    public var channel: ChannelID?
    /// The SKU the failure concerns, if any.
    public var sku: SKU?
    /// The file the failure concerns (config, source, rates file, cassette, store), if any.
    public var file: String?
    /// The 1-based line of `file` the failure is on, when known.
    public var line: Int?
    /// The config key path (`channels.epinduo.price.rate`), source column or channel field at fault, if any.
    public var key: String?
    /// When the channel asked to wait before the next call.
    public var retryAfter: Duration?
    /// The channel's own id of the failed request, when it gave one (what its support asks for).
    public var channelRequestID: String?
    /// The error this one wraps (a `DatabaseError`, a libcurl failure, the channel's own), kept for debugging;
    /// `description` never shows it.
    public var underlying: (any Error & Sendable)?

    /// An error with `code` and a log-safe `message`; everything it concerns is optional.
    public init(_ code: Code, _ message: String, channel: ChannelID? = nil, sku: SKU? = nil, file: String? = nil,
                line: Int? = nil, key: String? = nil, retryAfter: Duration? = nil, channelRequestID: String? = nil,
                underlying: (any Error & Sendable)? = nil) {
        self.channelRequestID = channelRequestID
        self.code = code
        self.message = message
        self.channel = channel
        self.sku = sku
        self.file = file
        self.line = line
        self.key = key
        self.retryAfter = retryAfter
        self.underlying = underlying
    }

    /// Whether the same call may succeed if tried again later.
    public var isRetryable: Bool {
        code == .transport || code == .channelUnavailable || code == .rateLimited || code == .garbledResponse
    }

    /// One line naming where the problem is: `file:line: message`, `key: message`, `channel sku: message`.
    public var description: String {
        var prefix = ""
        if let file {
            prefix = file
            if let line { prefix += ":\(line)" }
            prefix += ": "
        }
        if let key { prefix += "\(key): " }
        var subject: [String] = []
        if let channel { subject.append("channel \(channel)") }
        if let sku { subject.append("SKU \(sku)") }
        let about = subject.isEmpty ? "" : "[\(subject.joined(separator: ", "))] "
        return "\(prefix)\(about)\(message)"
    }
}
