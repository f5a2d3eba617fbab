import Foundation
import MarketSync
import MarketSyncStore

/// What the engine's test suites share: one start time, simple rules, a store in a fresh temporary folder, and
/// a product listed on the scripted channel (`test`, listing `1:<sku>`).
protocol EngineTestSupport {}

extension EngineTestSupport {
    var start: Date { Date(timeIntervalSince1970: 1_795_000_000) }

    var rules: ChannelRules {
        ChannelRules(stock: StockRule(), price: PriceRule(rate: DecimalRatio(units: 1, scale: 1), currency: .cny, stepMinor: 10, rounding: .nearest))
    }

    /// A path for a store in a new temporary folder.
    func storePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("engine-\(UUID().uuidString)").appendingPathComponent("s.sqlite").path
    }

    func makeStore() throws -> SQLiteStore { try SQLiteStore(path: storePath()) }

    func product(_ sku: SKU, stock: Int64, priceRUB: Int64 = 10_000) -> Product {
        Product(sku: sku, gtin: nil, names: LocalizedNames(ru: "Товар", zh: "", en: ""), unit: "pcs",
                basePrice: Money(minorUnits: priceRUB, currency: .rub),
                lots: [StockLot(warehouse: "main", lot: "-", quantity: stock)], listings: ["test": "1:\(sku)"])
    }
}
