public import Foundation
public import Logging
public import MarketSync
internal import Epinduo
internal import EpinduoSandbox

/// Wires the Epinduo adapter (Pinduoduo-style open platform) and its sandbox.
public struct EpinduoFactory: AdapterFactory {
    /// The factory; it keeps no state.
    public init() {}
    /// `adapter: epinduo` in a config.
    public let name = "epinduo"
    /// The app's `client_id` and `client_secret`, and the shop's `access_token`.
    public let requiredCredentials = ["client_id", "client_secret", "access_token"]
    /// `page_size` (orders per page, 1 to 100, default 100), `methods.*` (the router `type` of each call,
    /// for a platform that names them differently) and `message_service.*` (the platform's websocket of events:
    /// `url`, `backup_url`, `sign: raw|hex`, `heartbeat`).
    public let knownOptions: Set<String> = [
        "page_size", "methods.stock_update", "methods.price_update", "methods.order_list", "methods.ship",
        "methods.mall_info", "methods.order_information",
        "message_service.url", "message_service.backup_url", "message_service.sign", "message_service.heartbeat",
    ]

    /// An `EpinduoAdapter` on `transport`; throws `.config` naming `options.page_size` when it is not 1 to 100.
    public func makeAdapter(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger) throws -> any ChannelAdapter {
        EpinduoAdapter(channel: settings.id, settings: try epinduoSettings(settings), transport: transport, clock: clock, logger: logger)
    }

    func epinduoSettings(_ settings: ChannelSettings) throws -> EpinduoSettings {
        var methods = EpinduoSettings.Methods()
        if let value = settings.options["methods.stock_update"] { methods.stockUpdate = value.text }
        if let value = settings.options["methods.price_update"] { methods.priceUpdate = value.text }
        if let value = settings.options["methods.order_list"] { methods.orderList = value.text }
        if let value = settings.options["methods.ship"] { methods.ship = value.text }
        if let value = settings.options["methods.mall_info"] { methods.mallInfo = value.text }
        if let value = settings.options["methods.order_information"] { methods.orderInformation = value.text }
        var pageSize = 100
        if let value = settings.options["page_size"] {
            guard let parsed = Int(value.text), (1...EpinduoSettings.maxPageSize).contains(parsed) else {
                throw settings.configError("\"\(value.text)\" must be a whole number from 1 to 100", key: "options.page_size")
            }
            pageSize = parsed
        }
        return EpinduoSettings(
            baseURL: settings.endpoint,
            clientID: settings.credentials["client_id"] ?? "",
            clientSecret: settings.credentials["client_secret"] ?? "",
            accessToken: settings.credentials["access_token"] ?? "",
            methods: methods, pageSize: pageSize,
            rateLimit: settings.rateLimit ?? EpinduoSettings.defaultRateLimit)
    }

    /// The platform's message service (``EpinduoMessageService``) when `options.message_service.url` is set; nil
    /// otherwise. Throws `.config` naming the option at fault (``EpinduoMessageOptions``).
    public func makeEventSource(_ settings: ChannelSettings, clock: any SyncClock, logger: Logger) throws -> (any ChannelEventSource)? {
        guard let messageSettings = try EpinduoMessageOptions.settings(settings) else { return nil }
        return EpinduoMessageService(channel: settings.id, settings: messageSettings, clock: clock, logger: logger)
    }

    /// `access_token`, `client_secret` and `sign` secret; `timestamp` and `sign` volatile; with `signatureCheck`,
    /// each request's signature is judged.
    public func cassetteRules(signatureCheck: Bool) -> CassetteRules {
        EpinduoAdapter.cassetteRules(signingCheck: signatureCheck)
    }

    /// Requests are signed with the app's client secret (docs/channels.md, "Every call").
    public let signingCredential: String? = "client_secret"

    /// An `EpinduoSandbox` accepting this channel's credentials. Throws `.config` when `stateFile` exists but
    /// cannot be read.
    public func makeSandbox(for settings: ChannelSettings, clock: any SyncClock, stateFile: URL?, logger: Logger) throws -> (any ChannelSandbox)? {
        let epinduo = try epinduoSettings(settings)
        let sandbox = EpinduoSandbox(clientID: epinduo.clientID, clientSecret: epinduo.clientSecret, accessToken: epinduo.accessToken,
                                     clock: clock, stateFile: stateFile, methods: epinduo.methods)
        if let problem = sandbox.stateFileProblem {
            throw MarketSyncError(.config, "sandbox state file: \(problem)", file: stateFile?.path)
        }
        return sandbox
    }
}

extension EpinduoSandbox: ChannelSandbox {}

extension EpinduoSandbox: SandboxEventService {
    /// The sandbox's message service (`ws://127.0.0.1:PORT/message`), redelivering unacknowledged messages after 30 s.
    func runEventService(port: Int, logger: Logger, listening: @escaping @Sendable (URL) async -> Void) async throws {
        try await runMessageService(port: port, logger: logger) { bound in
            if let url = URL(string: "ws://127.0.0.1:\(bound)\(EpinduoSandbox.messagePath)") { await listening(url) }
        }
    }
}
