import Foundation
import MarketSync
import MarketSyncStore

/// A store in a fresh temporary folder (created by the store itself), removed when the test ends.
struct TemporaryStore {
    let folder: URL
    let path: String
    let store: SQLiteStore

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("marketsync-store-tests", isDirectory: true)
            .appendingPathComponent(UUID().uuidString, isDirectory: true)
        path = folder.appendingPathComponent("nested/store.sqlite").path
        store = try SQLiteStore(path: path)
    }

    /// Opens the same file again (a second process, or the next run).
    func reopen() throws -> SQLiteStore { try SQLiteStore(path: path) }

    func remove() {
        try? store.close()
        try? FileManager.default.removeItem(at: folder)
    }
}

enum StoreFixtures {
    static let t0 = Date(timeIntervalSince1970: 1_750_000_000)
    static func at(_ seconds: Int) -> Date { t0.addingTimeInterval(TimeInterval(seconds)) }

    static let epinduo: ChannelID = "epinduo"
    static let walmart: ChannelID = "walmart-cn"

    static func rub(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .rub) }
    static func cny(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .cny) }

    static func product(_ sku: String, price: Int64 = 10_000, lots: [Int64] = [5],
                        listings: [ChannelID: String] = [:], name: String = "Кедровый орех") -> Product {
        Product(sku: SKU(sku), gtin: try? GTIN(validating: "4601234500012"),
                names: LocalizedNames(ru: name, zh: "雪松坚果", en: "Cedar nuts"), unit: "pcs",
                basePrice: rub(price),
                lots: lots.enumerated().map { index, quantity in
                    StockLot(warehouse: "KHM-1", lot: "L\(index)", quantity: quantity,
                             expiresOn: index == 0 ? Date(timeIntervalSince1970: 1_780_000_000) : nil)
                },
                listings: listings)
    }

    static func order(_ id: String, _ state: OrderState, raw: String? = nil, updated: Int = 0,
                      lines: [(String, Int64)] = [("SKU-A", 1)], tracking: String? = nil) -> ChannelOrder {
        ChannelOrder(id: id, state: state, rawStatus: raw ?? state.rawValue, updatedAt: at(updated),
                     lines: lines.map { OrderLine(sku: SKU($0.0), quantity: $0.1, unitPrice: cny(1_990)) },
                     total: cny(1_990), trackingNumber: tracking)
    }

    static func stock(_ sku: String, _ quantity: Int64, on channel: ChannelID = epinduo) -> OutboxDraft {
        OutboxDraft(channel: channel, key: sku, listing: "g-\(sku)", payload: .stock(quantity: quantity))
    }

    static func price(_ sku: String, _ minor: Int64, on channel: ChannelID = epinduo) -> OutboxDraft {
        OutboxDraft(channel: channel, key: sku, listing: "g-\(sku)", payload: .price(cny(minor)))
    }
}
