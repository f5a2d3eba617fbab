public import Foundation
public import Logging
public import MarketSync
internal import Walmart
internal import WalmartSandbox

/// Wires the Walmart Marketplace adapter and its sandbox (docs/channels.md, "Walmart Marketplace"; the keys are in
/// docs/configuration.md, "Walmart channels").
public struct WalmartFactory: AdapterFactory {
    /// The factory; it keeps no state.
    public init() {}
    /// `adapter: walmart` in a config.
    public let name = "walmart"
    /// The seller's API key: `client_id` and `client_secret`.
    public let requiredCredentials = ["client_id", "client_secret"]
    /// `bulk_threshold`, `feed_size`, `page_size`, `currency`, `ship_node`, `svc_name`, `channel_type`,
    /// `created_lookback_days`, `ship_method`, `tracking_url`.
    public let knownOptions: Set<String> = [
        "bulk_threshold", "feed_size", "page_size", "currency", "ship_node", "svc_name", "channel_type", "created_lookback_days",
        "ship_method", "tracking_url",
    ]

    /// A `WalmartAdapter` on `transport`; throws `.config` naming the option that is out of range.
    public func makeAdapter(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger) throws -> any ChannelAdapter {
        WalmartAdapter(channel: settings.id, settings: try walmartSettings(settings), transport: transport, clock: clock, logger: logger)
    }

    func walmartSettings(_ settings: ChannelSettings) throws -> WalmartSettings {
        func number(_ key: String, _ range: ClosedRange<Int>, default fallback: Int) throws -> Int {
            guard let value = settings.options[key] else { return fallback }
            guard let parsed = Int(value.text), range.contains(parsed) else {
                throw settings.configError("\"\(value.text)\" must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                                           key: "options.\(key)")
            }
            return parsed
        }
        func text(_ key: String) throws -> String? {
            guard let value = settings.options[key] else { return nil }
            let trimmed = value.text.trimmingWhitespace()
            guard !trimmed.isEmpty else { throw settings.configError("must not be empty", key: "options.\(key)") }
            return trimmed
        }
        var currency = Currency.usd
        if let value = try text("currency") {
            currency = Currency(rawValue: value)
            guard currency == .usd || currency == Currency(rawValue: "CAD") else {
                throw settings.configError("\"\(value)\" is not a currency Walmart prices in (USD or CAD)", key: "options.currency")
            }
        }
        let shipMethod = try text("ship_method") ?? "Standard"
        guard WalmartSettings.shipMethods.contains(shipMethod) else {
            throw settings.configError("\"\(shipMethod)\" is not one of \(WalmartSettings.shipMethods.sorted().joined(separator: ", "))",
                                       key: "options.ship_method")
        }
        let trackingURL = try text("tracking_url")
        if let trackingURL, !trackingURL.contains("{tracking}") {
            throw settings.configError("must contain {tracking}, where the tracking number goes", key: "options.tracking_url")
        }
        return WalmartSettings(
            baseURL: settings.endpoint,
            clientID: settings.credentials["client_id"] ?? "",
            clientSecret: settings.credentials["client_secret"] ?? "",
            serviceName: try text("svc_name") ?? "Walmart Marketplace",
            channelType: try text("channel_type"),
            shipNode: try text("ship_node"),
            bulkThreshold: try number("bulk_threshold", 0...1000, default: 10),
            feedSize: try number("feed_size", 1...50_000, default: 10_000),
            pageSize: try number("page_size", 1...WalmartSettings.maxPageSize, default: WalmartSettings.maxPageSize),
            currency: currency,
            createdLookbackDays: try number("created_lookback_days", 1...180, default: 30),
            shipMethod: shipMethod,
            trackingURLTemplate: trackingURL,
            rateLimit: settings.rateLimit ?? WalmartSettings.defaultRateLimit)
    }

    /// `Authorization`, `WM_SEC.ACCESS_TOKEN` and the token answer's `access_token` secret; the correlation id volatile.
    public func cassetteRules(signatureCheck: Bool) -> CassetteRules {
        WalmartAdapter.cassetteRules
    }

    /// Walmart's requests are not signed (a token travels in a header).
    public let signingCredential: String? = nil

    /// A `WalmartSandbox` issuing tokens to this channel's client id and secret. Throws `.config` when `stateFile`
    /// exists but cannot be read.
    public func makeSandbox(for settings: ChannelSettings, clock: any SyncClock, stateFile: URL?, logger: Logger) throws -> (any ChannelSandbox)? {
        let walmart = try walmartSettings(settings)
        let sandbox = WalmartSandbox(clientID: walmart.clientID, clientSecret: walmart.clientSecret, clock: clock, stateFile: stateFile)
        if let problem = sandbox.stateFileProblem {
            throw MarketSyncError(.config, "sandbox state file: \(problem)", file: stateFile?.path)
        }
        return sandbox
    }
}

extension WalmartSandbox: ChannelSandbox {}
