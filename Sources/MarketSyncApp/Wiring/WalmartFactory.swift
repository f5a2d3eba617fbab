public import Foundation
public import Logging
public import MarketSync
internal import MarketSyncWire
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
    /// `webhook_user` and `webhook_password`: the basic credentials Walmart's webhook deliveries carry, allowed (and
    /// both needed) only with `webhook.auth: basic`.
    public let optionalCredentials = ["webhook_user", "webhook_password"]
    /// `bulk_threshold`, `feed_size`, `page_size`, `currency`, `ship_node`, `svc_name`, `channel_type`,
    /// `created_lookback_days`, `ship_method`, `tracking_url`, `webhook.url`, `webhook.auth`.
    public let knownOptions: Set<String> = [
        "bulk_threshold", "feed_size", "page_size", "currency", "ship_node", "svc_name", "channel_type", "created_lookback_days",
        "ship_method", "tracking_url", "webhook.url", "webhook.auth",
    ]

    /// A `WalmartAdapter` on `transport`; throws `.config` naming the option that is out of range (the webhook's
    /// options are `makeWebhook`'s, which `check-config` builds too).
    public func makeAdapter(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger) throws -> any ChannelAdapter {
        WalmartAdapter(channel: settings.id, settings: try walmartSettings(settings), transport: transport, clock: clock, logger: logger)
    }

    /// Walmart's webhook deliveries to the worker's endpoint, when `options.webhook.url` is set (docs/operations.md,
    /// "Walmart webhooks"); `transport` reaches Walmart's API to subscribe.
    public func makeWebhook(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger) throws
        -> (any ChannelWebhook)? {
        guard let webhook = try webhookSettings(settings) else { return nil }
        return WalmartWebhook(channel: settings.id, settings: try walmartSettings(settings), webhook: webhook, transport: transport,
                              clock: clock, logger: logger)
    }

    /// `options.webhook.url` (absolute http(s), its path `/webhooks/<channel id>`) and `options.webhook.auth`
    /// (`hmac`, the default, or `basic` with the `webhook_user` and `webhook_password` credentials); nil when no URL is
    /// set. Throws `.config` naming the key; never quotes a credential.
    func webhookSettings(_ settings: ChannelSettings) throws -> WalmartWebhookSettings? {
        let user = settings.credentials["webhook_user"], password = settings.credentials["webhook_password"]
        let authText = settings.options["webhook.auth"]?.text.trimmingWhitespace().lowercased() ?? "hmac"
        guard authText == "hmac" || authText == "basic" else {
            throw settings.configError("\"\(authText)\" must be hmac or basic", key: "options.webhook.auth")
        }
        if authText == "hmac" {
            for (name, value) in [("webhook_user", user), ("webhook_password", password)] where value != nil {
                throw settings.configError("only with options.webhook.auth: basic", key: "credentials.\(name)")
            }
        }
        guard let text = settings.options["webhook.url"]?.text.trimmingWhitespace() else {
            if settings.options["webhook.auth"] != nil || user != nil || password != nil {
                throw settings.configError("webhook settings without options.webhook.url (the public URL Walmart calls)",
                                           key: "options.webhook.url")
            }
            return nil
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host != nil else {
            throw settings.configError("\"\(text)\" is not an absolute http(s) URL", key: "options.webhook.url")
        }
        let expected = "/webhooks/\(settings.id.rawValue)"
        guard url.path == expected else {
            throw settings.configError("the path must be \(expected) (the worker's endpoint takes this channel's deliveries there)",
                                       key: "options.webhook.url")
        }
        guard authText == "basic" else { return WalmartWebhookSettings(url: url, authentication: .hmac) }
        guard let user, !user.isEmpty else {
            throw settings.configError("missing credential webhook_user (webhook.auth: basic needs it)", key: "credentials.webhook_user")
        }
        guard let password, !password.isEmpty else {
            throw settings.configError("missing credential webhook_password (webhook.auth: basic needs it)", key: "credentials.webhook_password")
        }
        return WalmartWebhookSettings(url: url, authentication: .basic(user: user, password: password))
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

    /// A `WalmartSandbox` issuing tokens to this channel's client id and secret, posting its webhook events over
    /// `CurlTransport` (while its background work runs). Throws `.config` when `stateFile`
    /// exists but cannot be read.
    public func makeSandbox(for settings: ChannelSettings, clock: any SyncClock, stateFile: URL?, logger: Logger) throws -> (any ChannelSandbox)? {
        let walmart = try walmartSettings(settings)
        // Webhook events go out over libcurl, like every other request the project makes.
        let sandbox = WalmartSandbox(clientID: walmart.clientID, clientSecret: walmart.clientSecret, clock: clock, stateFile: stateFile,
                                     webhookTransport: CurlTransport())
        if let problem = sandbox.stateFileProblem {
            throw MarketSyncError(.config, "sandbox state file: \(problem)", file: stateFile?.path)
        }
        return sandbox
    }
}

/// `runBackgroundWork()` (the sandbox's own) posts its webhook events.
extension WalmartSandbox: ChannelSandbox {}
