public import Foundation
public import MarketSync
public import PartnerSimulator
import MarketSyncConfig
import MarketSyncWire
import RetailEDI

/// Wires the partner simulator (`marketsync partner`) from the same config the channel runs on: the chain's profile
/// as the channel's factory reads it (`eancom`, `x12`) or its sheet layouts (`sheets`), the channel's own drop seen
/// from the partner's side, and the catalog the config's sources list (CSV and JSON catalogs, read-only; lots files
/// and CommerceML sources are not read), which resolves each SKU ordered to the GTIN or item code the chain uses.
public enum PartnerSetup {
    /// The adapters the simulator can play the partner of.
    public static let adapters: Set<String> = ["eancom", "x12", "sheets"]

    /// The simulator of `channel` in `configuration`. Throws `config` naming the key for a channel the config does
    /// not have, an adapter with no partner side, a profile or delivery block that is wrong, or a catalog that
    /// cannot be read.
    public static func simulator(_ configuration: SyncConfiguration, channel: String, clock: any SyncClock,
                                 environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PartnerSimulator {
        guard let settings = configuration.channels.first(where: { $0.id.rawValue == channel }) else {
            throw MarketSyncError(.config, "no channel \(channel) in the config", file: configuration.file, key: "channels.\(channel)")
        }
        let profile: PartnerProfile
        switch settings.adapter {
        case "eancom":
            profile = .eancom(try EANCOMFactory(environment: environment).profile(settings).settings)
        case "x12":
            profile = .x12(try X12Factory(environment: environment).profile(settings).settings)
        case "sheets":
            profile = try .sheets(channel: settings.id, options: settings.options, keyPath: "\(settings.keyPath).options",
                                  file: configuration.file, timeZone: settings.timeZone.zone)
        default:
            throw settings.configError("\(settings.adapter) has no partner simulator (it plays \(adapters.sorted().joined(separator: ", ")))",
                                       key: "adapter")
        }
        return PartnerSimulator(channel: settings.id, profile: profile, drop: try drop(settings, environment: environment),
                                catalog: PartnerCatalog(products: try products(configuration), channel: settings.id), clock: clock)
    }

    /// The channel's drop (its `delivery` block, else its `endpoint`) as the partner sees it.
    static func drop(_ settings: ChannelSettings, environment: [String: String]) throws -> any FileDrop {
        let delivery = try DeliveryConfig.settings(of: settings, environment: environment) ?? FileDropSettings(url: settings.endpoint)
        do {
            return try FileDrops.make(delivery.partnerView)
        } catch var failure as MarketSyncError where failure.code == .config {
            failure = settings.configError(failure.message, key: "options.\(failure.key ?? "delivery.url")")
            throw failure
        }
    }

    /// Every product of the config's CSV and JSON catalogs, in source order (a later row of a SKU wins, as in an
    /// import). A source that cannot be read is a `source` error naming the file.
    static func products(_ configuration: SyncConfiguration) throws -> [Product] {
        try configuration.sources.filter { $0.kind == .catalog && $0.commerceML == nil }.flatMap { source in
            try CatalogReader().read(path: source.path, format: source.format, encoding: source.encoding).products
        }
    }
}
