public import Foundation
public import Logging
public import MarketSync
internal import MarketSyncConfig
internal import Mirakl
internal import MiraklSandbox

/// Wires the Mirakl adapter (the seller API of one operator's Mirakl instance) and its sandbox. One channel per
/// operator: `carrefour:` and `auchan:` both `adapter: mirakl`, each with its own endpoint and key.
public struct MiraklFactory: AdapterFactory {
    /// The factory; it keeps no state.
    public init() {}
    /// `adapter: mirakl` in a config.
    public let name = "mirakl"
    /// The shop's API key (sent raw in `Authorization`).
    public let requiredCredentials = ["api_key"]
    /// `shop_id`, `state_code` (default 11), `product_id_type` (default SHOP_SKU), `leadtime_to_ship` (days),
    /// `page_size` (orders per OR11 page, 1 to 100, default 100), `currency` (the operator's, default EUR),
    /// `import_interval` (between two OF24 calls, default 60s) and `status_interval` (between two OF02 questions about
    /// one import, default 60s).
    public let knownOptions: Set<String> = [
        "shop_id", "state_code", "product_id_type", "leadtime_to_ship", "page_size", "currency", "import_interval", "status_interval",
    ]

    /// A `MiraklAdapter` on `transport`; throws `.config` naming the option at fault.
    public func makeAdapter(_ settings: ChannelSettings, transport: any Transport, clock: any SyncClock, logger: Logger) throws -> any ChannelAdapter {
        MiraklAdapter(channel: settings.id, settings: try miraklSettings(settings), transport: transport, clock: clock, logger: logger)
    }

    func miraklSettings(_ settings: ChannelSettings) throws -> MiraklSettings {
        func whole(_ key: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let value = settings.options[key] else { return nil }
            guard let number = Int(value.text.trimmingWhitespace()), range.contains(number) else {
                throw settings.configError("\"\(value.text)\" must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                                           key: "options.\(key)")
            }
            return number
        }
        func text(_ key: String) throws -> String? {
            guard let value = settings.options[key] else { return nil }
            let trimmed = value.text.trimmingWhitespace()
            guard !trimmed.isEmpty else { throw settings.configError("must not be empty", key: "options.\(key)") }
            return trimmed
        }
        func duration(_ key: String) throws -> Duration? {
            guard let value = settings.options[key] else { return nil }
            guard let duration = ConfigLoader.duration(value.text), duration >= .zero, duration <= .seconds(3600) else {
                throw settings.configError("\"\(value.text)\" must be a duration from 0s to 1h (60s, 2m)", key: "options.\(key)")
            }
            return duration
        }
        if let shopID = settings.options["shop_id"], Int64(shopID.text.trimmingWhitespace()).map({ $0 > 0 }) != true {
            throw settings.configError("\"\(shopID.text)\" must be the shop's id, a whole number", key: "options.shop_id")
        }
        var currency = MiraklSettings.defaultCurrency
        if let code = try text("currency") {
            guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw settings.configError("\"\(code)\" must be an ISO 4217 code (EUR, CNY)", key: "options.currency")
            }
            currency = Currency(rawValue: code)
        }
        return MiraklSettings(
            baseURL: settings.endpoint,
            apiKey: settings.credentials["api_key"] ?? "",
            shopID: try text("shop_id"),
            stateCode: try text("state_code") ?? "11",
            productIDType: try text("product_id_type") ?? "SHOP_SKU",
            leadtimeToShip: try whole("leadtime_to_ship", 0...365),
            pageSize: try whole("page_size", 1...MiraklSettings.maxPageSize) ?? MiraklSettings.maxPageSize,
            currency: currency,
            rateLimit: settings.rateLimit ?? MiraklSettings.defaultRateLimit,
            importInterval: try duration("import_interval") ?? .seconds(60),
            statusInterval: try duration("status_interval") ?? .seconds(60))
    }

    /// `Authorization` (the key) is secret; nothing is signed or volatile.
    public func cassetteRules(signatureCheck: Bool) -> CassetteRules {
        MiraklAdapter.cassetteRules
    }

    /// Mirakl signs nothing: the key itself goes in `Authorization`.
    public let signingCredential: String? = nil

    /// A `MiraklSandbox` accepting this channel's key, pricing in its currency. Throws `.config` when `stateFile`
    /// exists but cannot be read.
    public func makeSandbox(for settings: ChannelSettings, clock: any SyncClock, stateFile: URL?, logger: Logger) throws -> (any ChannelSandbox)? {
        let mirakl = try miraklSettings(settings)
        let sandbox = MiraklSandbox(apiKey: mirakl.apiKey, clock: clock, stateFile: stateFile, currency: mirakl.currency.rawValue)
        if let problem = sandbox.stateFileProblem {
            throw MarketSyncError(.config, "sandbox state file: \(problem)", file: stateFile?.path)
        }
        return sandbox
    }
}

extension MiraklSandbox: ChannelSandbox {}
