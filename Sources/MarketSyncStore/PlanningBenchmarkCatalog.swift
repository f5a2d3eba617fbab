internal import Foundation
package import MarketSync

/// A synthetic catalog for the planning benchmark (`marketsync bench-plan`), written straight through SQL by
/// `SQLiteStore.writeBenchmarkCatalog`. Every value is a function of the SKU's index (1-based), so `product(_:)`
/// rebuilds exactly what was written and a benchmark can change some SKUs through the ordinary import.
///
/// Shape: one lot per SKU in `KHM-1` with an expiry date, a second one in `MSK-2` for even indices; every SKU
/// listed on every channel; `openOrders` reserving orders of one line each; acknowledged offers equal to the
/// plan (quantity on hand less reserved, price as the caller's rule derives it) except one in `driftEvery`,
/// whose acknowledged quantity is one more.
package struct PlanningBenchmarkCatalog: Sendable {
    package var skuCount: Int
    package var channels: [ChannelID]
    /// One acknowledged quantity in this many differs from the plan (100: 1 %).
    package var driftEvery: Int
    /// Reserving orders, one line each.
    package var openOrders: Int

    package init(skuCount: Int, channels: [ChannelID], driftEvery: Int = 100, openOrders: Int = 1_000) {
        precondition(skuCount > 0 && driftEvery > 0 && openOrders >= 0, "a benchmark catalog needs SKUs")
        self.skuCount = skuCount
        self.channels = channels
        self.driftEvery = driftEvery
        self.openOrders = openOrders
    }

    /// The day (since 1970) lot L1 of SKU `index` expires.
    static func expiryDay(_ index: Int) -> Int64 { 20_800 + Int64(index % 365) }
    static let millisecondsPerDay: Int64 = 86_400_000

    /// The SKU text of index `index`: `SKU-0000001`.
    package static func sku(_ index: Int) -> SKU {
        let digits = String(index)
        return SKU("SKU-" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits)
    }

    /// The product at `index` as written, with `extra` units added to its first lot.
    package func product(_ index: Int, extra: Int64 = 0) -> Product {
        let i = Int64(index)
        var lots = [StockLot(warehouse: "KHM-1", lot: "L1", quantity: (i * 31) % 200 + extra,
                             expiresOn: Date(unixMilliseconds: Self.expiryDay(index) * Self.millisecondsPerDay))]
        if index % 2 == 0 {
            lots.append(StockLot(warehouse: "MSK-2", lot: "L2", quantity: i % 17))
        }
        var listings: [ChannelID: String] = [:]
        for (c, channel) in channels.enumerated() { listings[channel] = "\(index):\(c)" }
        return Product(sku: Self.sku(index), gtin: nil,
                       names: LocalizedNames(ru: "Товар \(index)", zh: "商品 \(index)", en: "Product \(index)"),
                       unit: "pcs", basePrice: Money(minorUnits: 1_000 + (i * 7_919) % 100_000, currency: .rub),
                       lots: lots, listings: listings)
    }
}
