internal import Foundation
public import Logging
public import MarketSync

/// The Mirakl channel: one shop on one operator's Mirakl instance (Carrefour's, Auchan's marketplaces), speaking the
/// seller API (docs/channels.md, "Mirakl"). Offers go out whole with OF24 and are processed later (OF02, OF03);
/// orders are listed with OR11 by update date and offset, their lines accepted or refused with OR21, shipped with
/// OR23 then OR24.
public struct MiraklAdapter: ChannelAdapter {
    /// The configured channel name (one per operator).
    public let channel: ChannelID
    /// Stock, prices, orders, shipments; offers in deltas; lines accepted or refused. See ``capabilities(settings:)``.
    public let capabilities: ChannelCapabilities

    let settings: MiraklSettings
    let transport: any Transport
    let clock: any SyncClock
    let logger: Logger
    let errors: MiraklErrorMapper
    let book: MiraklOfferBook
    let gate: MiraklImportGate

    /// An adapter for one shop. Nothing is sent until a call is made.
    public init(channel: ChannelID, settings: MiraklSettings, transport: any Transport, clock: any SyncClock, logger: Logger) {
        self.channel = channel
        self.settings = settings
        self.transport = transport
        self.clock = clock
        self.logger = logger
        self.errors = MiraklErrorMapper(channel: channel, secrets: [settings.apiKey])
        self.book = MiraklOfferBook()
        self.gate = MiraklImportGate(interval: settings.importInterval, clock: clock)
        self.capabilities = Self.capabilities(settings: settings)
    }

    /// What Mirakl can do. Offers: up to 1,000 a call (no limit is documented), delta pushes of whole records.
    /// Orders: OR11 by `start_update_date` with no end date, so one long window (7 days) with no lag and 2 minutes of
    /// overlap; every page is read from the window's start (docs/channels.md, "Paging"). New orders need each line
    /// accepted or refused (OR21).
    public static func capabilities(settings: MiraklSettings) -> ChannelCapabilities {
        ChannelCapabilities(
            pushesStock: true, pushesPrices: true, pullsOrders: true, confirmsShipments: true,
            stockBatchSize: MiraklSettings.maxBatch, priceBatchSize: MiraklSettings.maxBatch,
            currency: settings.currency, rateLimit: settings.rateLimit,
            orderWindow: OrderWindowPolicy(maxLength: .seconds(7 * 24 * 3600), lag: .zero, overlap: .seconds(2 * 60),
                                           initialLookback: .seconds(24 * 3600)),
            offers: .delta, orderAnswer: .acceptLines)
    }

    /// The cassette rules: the key in `Authorization` is secret (the standard rules); nothing is signed or volatile.
    public static var cassetteRules: CassetteRules { .standard }

    // MARK: The HTTP call

    /// Sends one call and returns the answer, whatever its status (the caller maps it).
    func send(_ call: MiraklCall, _ method: String, _ path: String, query: [(String, String)] = [],
              json: MiraklJSONValue? = nil, accept: String = "application/json") async throws -> WireResponse {
        var items = query
        if let shopID = settings.shopID { items.append(("shop_id", shopID)) }
        let url = Self.url(settings.baseURL, path: path, query: items)
        var headers = [HeaderField("Authorization", settings.apiKey), HeaderField("Accept", accept)]
        if json != nil { headers.append(HeaderField("Content-Type", "application/json")) }
        let request = WireRequest(method: method, url: url, headers: headers, body: json?.data ?? Data(), channel: channel)
        let response = try await transport.send(request)
        logger.debug("mirakl call answered", metadata: [
            LogKey.channel: "\(channel)", MiraklLogKey.call: "\(call)", LogKey.httpStatus: "\(response.status)",
        ])
        return response
    }

    /// `base` + `path` + the query, every value percent-encoded (a `+` in a date must go as `%2B`: docs/channels.md,
    /// "Every call").
    static func url(_ base: URL, path: String, query: [(String, String)]) -> URL {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += path
        if !query.isEmpty {
            text += "?" + query.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        }
        return URL(string: text) ?? base
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986).
    package static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, allowed.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 {
                    out += "%"
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0x0F)])
                }
            }
        }
        return out
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    /// A path segment (an order id) percent-encoded.
    static func segment(_ text: String) -> String { encode(text) }
}

/// Metadata keys the Mirakl adapter adds to its log lines.
enum MiraklLogKey {
    /// The seller API call (`OF24`).
    static let call = "mirakl.call"
    /// An offer import's id.
    static let importID = "mirakl.import_id"
    /// An import's status as OF02 gave it.
    static let status = "mirakl.status"
}
