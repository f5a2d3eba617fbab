import Foundation
import MarketSync
import MarketSyncConfig
import MarketSyncWire
import RetailFiles

/// Reads the options every retail file channel's factory shares (EANCOM, X12, CSV sheets): typed values under
/// `options:`, each problem a `.config` error naming `channels.NAME.options.KEY` and its line; the delivery block
/// made into a drop.
struct FileChannelOptions {
    let settings: ChannelSettings

    /// The option keys every file channel takes besides its format's: `offers`, `files_per_pull`, `currency`, and
    /// the `delivery` block.
    static let sharedKeys: Set<String> = Set(["offers", "files_per_pull", "currency"])
        .union(DeliveryConfig.keys.map { "delivery.\($0)" })

    /// The most partner files one order listing may read, and the default.
    static let filesPerPullRange = 1...1000
    static let defaultFilesPerPull = 50

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
        return try currency(code)
    }

    /// `currency` when given (an ISO 4217 code), else nil.
    func optionalCurrency() throws -> Currency? {
        guard let code = try text("currency") else { return nil }
        return try currency(code)
    }

    private func currency(_ code: String) throws -> Currency {
        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw error("\"\(code)\" must be an ISO 4217 code (CNY, EUR, USD)", "currency")
        }
        return Currency(rawValue: code.uppercased())
    }

    /// `offers`: `snapshot` (default) or `delta`.
    func offers() throws -> OfferMode {
        guard let value = try text("offers") else { return .snapshot }
        guard let mode = OfferMode(rawValue: value.lowercased()) else { throw error("\"\(value)\" must be snapshot or delta", "offers") }
        return mode
    }

    /// `files_per_pull`: 1 to 1000, 50 by default.
    func filesPerPull() throws -> Int {
        try whole("files_per_pull", Self.filesPerPullRange) ?? Self.defaultFilesPerPull
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
