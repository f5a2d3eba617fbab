import Foundation
import EDI
import MarketSync
import MarketSyncConfig
import MarketSyncWire
import RetailEDI

/// Reads the options an EDI channel's factory shares (EANCOM and X12): typed values under `options:`, each problem
/// a `.config` error naming `channels.NAME.options.KEY` and its line; the delivery block made into a drop.
struct EDIChannelOptions {
    let settings: ChannelSettings

    /// The option keys every EDI channel takes besides its syntax's: `offers`, `product_names`, `files_per_pull`,
    /// `currency`, and the `delivery` block.
    static let sharedKeys: Set<String> = Set(["offers", "product_names", "files_per_pull", "currency"])
        .union(DeliveryConfig.keys.map { "delivery.\($0)" })

    func error(_ message: String, _ key: String) -> MarketSyncError {
        settings.configError(message, key: "options.\(key)")
    }

    /// The trimmed text of `key`, nil when absent; an empty value is an error.
    func text(_ key: String) throws -> String? {
        guard let value = settings.options[key] else { return nil }
        let trimmed = value.text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw error("must not be empty", key) }
        return trimmed
    }

    func required(_ key: String, _ what: String) throws -> String {
        guard let value = try text(key) else { throw error("is required: \(what)", key) }
        return value
    }

    func gln(_ key: String) throws -> GLN? {
        guard let value = try text(key) else { return nil }
        do { return try GLN(validating: value) } catch {
            throw self.error("\"\(value)\" must be a GLN: 13 digits with a correct check digit (\(error))", key)
        }
    }

    func flag(_ key: String) throws -> Bool? {
        guard let value = try text(key) else { return nil }
        switch value.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("\"\(value)\" must be true or false", key)
        }
    }

    func whole(_ key: String, _ range: ClosedRange<Int>) throws -> Int? {
        guard let value = try text(key) else { return nil }
        guard let number = Int(value), range.contains(number) else {
            throw error("\"\(value)\" must be a whole number from \(range.lowerBound) to \(range.upperBound)", key)
        }
        return number
    }

    /// `currency`: required, an ISO 4217 code.
    func currency() throws -> Currency {
        let code = try required("currency", "the currency prices are sent in (ISO 4217: CNY, EUR, USD)")
        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw error("\"\(code)\" must be an ISO 4217 code (CNY, EUR, USD)", "currency")
        }
        return Currency(rawValue: code.uppercased())
    }

    /// `offers`, `product_names`, `files_per_pull`.
    func retailOptions() throws -> RetailEDIOptions {
        var offers = OfferMode.snapshot
        if let value = try text("offers") {
            guard let mode = OfferMode(rawValue: value.lowercased()) else { throw error("\"\(value)\" must be snapshot or delta", "offers") }
            offers = mode
        }
        var names = ProductNameSource.en
        if let value = try text("product_names") {
            guard let source = ProductNameSource(rawValue: value.lowercased()) else {
                throw error("\"\(value)\" must be en, zh, ru or none", "product_names")
            }
            names = source
        }
        let files = try whole("files_per_pull", RetailEDIOptions.filesPerPullRange) ?? 50
        return RetailEDIOptions(offers: offers, productNames: names, filesPerPull: files)
    }

    /// The drop the `delivery` block describes (the channel's `endpoint` when there is no block), with its minimum age.
    func drop(environment: [String: String]) throws -> (drop: any FileDrop, minimumAge: Duration) {
        let delivery = try DeliveryConfig.settings(of: settings, environment: environment) ?? FileDropSettings(url: settings.endpoint)
        do {
            return (try FileDrops.make(delivery), delivery.minimumAge)
        } catch var failure as MarketSyncError where failure.code == .config {
            // The drop names its keys from `delivery.`; the config's reader wants the channel's path.
            let key = failure.key ?? "delivery.url"
            failure = settings.configError(failure.message, key: "options.\(key)")
            throw failure
        }
    }
}
