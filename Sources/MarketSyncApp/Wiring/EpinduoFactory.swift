public import Foundation
public import Logging
public import MarketSync
internal import Epinduo
internal import EpinduoSandbox

/// Wires the Epinduo adapter (Pinduoduo-style open platform) and its sandbox.
public struct EpinduoFactory: AdapterFactory {
    public init() {}
    public let name = "epinduo"
    public let requiredCredentials = ["client_id", "client_secret", "access_token"]
    public let knownOptions: Set<String> = [
        "page_size", "methods.stock_update", "methods.price_update", "methods.order_list", "methods.ship",
    ]

    public func makeAdapter(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger) throws -> any ChannelAdapter {
        var methods = EpinduoSettings.Methods()
        if let value = settings.options["methods.stock_update"] { methods.stockUpdate = value.text }
        if let value = settings.options["methods.price_update"] { methods.priceUpdate = value.text }
        if let value = settings.options["methods.order_list"] { methods.orderList = value.text }
        if let value = settings.options["methods.ship"] { methods.ship = value.text }
        var pageSize = 100
        if let value = settings.options["page_size"] {
            guard let parsed = Int(value.text), (1...EpinduoSettings.maxPageSize).contains(parsed) else {
                throw MarketSyncError(.config, "\"\(value.text)\" must be a whole number from 1 to 100", line: value.line,
                                      key: "\(settings.keyPath).options.page_size")
            }
            pageSize = parsed
        }
        let epinduo = EpinduoSettings(
            baseURL: settings.endpoint,
            clientID: settings.credentials["client_id"] ?? "",
            clientSecret: settings.credentials["client_secret"] ?? "",
            accessToken: settings.credentials["access_token"] ?? "",
            methods: methods, pageSize: pageSize,
            rateLimit: settings.rateLimit ?? EpinduoSettings.defaultRateLimit)
        return EpinduoAdapter(channel: settings.id, settings: epinduo, transport: transport, clock: clock, logger: logger)
    }

    public func cassetteRules(signatureCheck: Bool) -> CassetteRules {
        EpinduoAdapter.cassetteRules(signingCheck: signatureCheck)
    }

    public func signingSecret(_ settings: ChannelSettings) -> String? {
        settings.credentials["client_secret"]
    }

    public func makeSandbox(credentials: [String: String], clock: any SyncClock, stateFile: URL?, logger: Logger) -> (any ChannelSandbox)? {
        EpinduoSandbox(clientID: credentials["client_id"] ?? "", clientSecret: credentials["client_secret"] ?? "",
                       accessToken: credentials["access_token"] ?? "", clock: clock, stateFile: stateFile)
    }
}

extension EpinduoSandbox: ChannelSandbox {}
