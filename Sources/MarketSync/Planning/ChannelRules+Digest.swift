internal import Foundation
internal import MarketSyncCrypto

extension ChannelRules {
    /// A digest of the rules that is the same in every process for the same rules: when it changes, the channel is
    /// planned in full again. SHA-256 of ``canonicalText``: every field written explicitly by name, sets sorted,
    /// absent values spelled out, so neither Swift's per-process hash seeds nor a type's `description` can move it.
    public var digest: String {
        Digest.sha256(Data(canonicalText.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The rules as one canonical line per field (`stock.warehouses=a,b`), in a fixed order.
    var canonicalText: String {
        var lines: [String] = []
        func put(_ key: String, _ value: String?) { lines.append("\(key)=\(value ?? "-")") }
        switch stock.buffer {
        case let .units(units): put("stock.buffer", "units:\(units)")
        case let .percent(percent): put("stock.buffer", "bp:\(percent.basisPoints)")
        }
        put("stock.share", stock.share.map { "bp:\($0.basisPoints)" })
        put("stock.max_shown", stock.maxShown.map(String.init))
        put("stock.zero_at_or_below", stock.zeroAtOrBelow.map(String.init))
        switch stock.minShelfLife {
        case let .days(days)?: put("stock.min_shelf_life", "days:\(days)")
        case let .share(share)?: put("stock.min_shelf_life", "bp:\(share.basisPoints)")
        case nil: put("stock.min_shelf_life", nil)
        }
        // Warehouse names are written with their length so no name can imitate a separator.
        put("stock.warehouses", stock.warehouses.map { $0.sorted().map { "\($0.utf8.count):\($0)" }.joined(separator: ",") })
        put("price.rate", "\(price.rate.units)e-\(price.rate.scale)")
        put("price.currency", price.currency.rawValue)
        put("price.markup", price.markup.map { "bp:\($0.basisPoints)" })
        put("price.vat", price.vat.map { "bp:\($0.basisPoints)" })
        put("price.step", String(price.stepMinor))
        put("price.rounding", price.rounding.rawValue)
        put("price.ending", price.ending.map(String.init))
        put("price.floor", price.floor.map { "\($0.minorUnits) \($0.currency.rawValue)" })
        put("price.ceiling", price.ceiling.map { "\($0.minorUnits) \($0.currency.rawValue)" })
        put("price.max_change", price.maxChange.map { "bp:\($0.basisPoints)" })
        return lines.joined(separator: "\n")
    }
}
