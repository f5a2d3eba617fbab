/// One item (or call) that failed in a run, with the code callers and scripts match on.
public struct ItemFailure: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The outbox key (the SKU for stock and price, the order id for a shipment); nil for a whole call.
    public var sku: String?
    /// `stock`, `price`, `shipment` or `orders`.
    public var kind: String
    /// `MarketSyncError.Code.description`: `validation`, `rate_limited`, `unauthorized`, ...
    public var code: String
    /// Safe to log: no secrets, no payloads.
    public var message: String
    /// The channel's id of the request, when it gave one (ask its support about this request).
    public var channelRequestID: String?

    /// A failure of `kind` (`stock`, `price`, `shipment` or `orders`); `code` is kept as its label.
    public init(sku: String?, kind: String, code: MarketSyncError.Code, message: String, channelRequestID: String? = nil) {
        self.sku = sku
        self.kind = kind
        self.code = code.description
        self.message = message
        self.channelRequestID = channelRequestID
    }

    /// `price SKU-1: validation: price below platform minimum (request 7f3a)`.
    public var description: String {
        let subject = sku.map { "\(kind) \($0)" } ?? kind
        let request = channelRequestID.map { " (request \($0))" } ?? ""
        return "\(subject): \(code): \(message)\(request)"
    }

    enum CodingKeys: String, CodingKey {
        case sku, kind, code, message
        case channelRequestID = "channel_request_id"
    }
}

/// Why a channel stopped early in a run.
public struct ChannelStop: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The label of the code that stopped the channel (`unauthorized`, `transport`, `cancelled`, ...).
    public var code: String
    /// Why, safe to log.
    public var message: String

    /// A stop for `code`, kept as its label.
    public init(code: MarketSyncError.Code, message: String) {
        self.code = code.description
        self.message = message
    }

    /// The channel rejected the credentials: a person must fix the secret.
    public var credentialsRejected: Bool { code == MarketSyncError.Code.unauthorized.description }
    /// The channel could not be reached or kept failing transiently until retries ran out.
    public var unreachable: Bool {
        [MarketSyncError.Code.transport, .channelUnavailable, .rateLimited, .garbledResponse].map(\.description).contains(code)
    }
    /// Stopped because this process was asked to stop.
    public var interrupted: Bool { code == MarketSyncError.Code.cancelled.description }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
