internal import Foundation
internal import MarketSync

/// The data the store conformance checks write: a few products, orders and outbox drafts, at fixed instants
/// (whole milliseconds, which every store keeps exactly).
enum ConformanceData {
    static let t0 = Date(timeIntervalSince1970: 1_750_000_000)
    static func at(_ seconds: Int) -> Date { t0.addingTimeInterval(TimeInterval(seconds)) }

    static let channel: ChannelID = "conformance-a"
    static let other: ChannelID = "conformance-b"

    static func rub(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .rub) }
    static func cny(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .cny) }

    static func product(_ sku: String, price: Int64 = 10_000, lots: [Int64] = [5], listings: [ChannelID: String]? = nil,
                        name: String = "Кедровый орех", expires: Bool = true) -> Product {
        Product(sku: SKU(sku), gtin: try? GTIN(validating: "4601234500012"),
                names: LocalizedNames(ru: name, zh: "雪松坚果", en: "Cedar nuts"), unit: "pcs", basePrice: rub(price),
                lots: lots.enumerated().map { index, quantity in
                    StockLot(warehouse: "KHM-1", lot: "L\(index)", quantity: quantity,
                             expiresOn: index == 0 && expires ? Date(timeIntervalSince1970: 1_780_000_000) : nil)
                },
                listings: listings ?? [channel: "g-\(sku)", other: "w-\(sku)"])
    }

    static func order(_ id: String, _ state: OrderState, raw: String? = nil, updated: Int = 0,
                      lines: [(String, Int64)] = [("SKU-A", 1)], tracking: String? = nil, lineIDs: Bool = false) -> ChannelOrder {
        ChannelOrder(id: id, state: state, rawStatus: raw ?? state.rawValue, updatedAt: at(updated),
                     lines: lines.enumerated().map { index, line in
                         OrderLine(sku: SKU(line.0), quantity: line.1, unitPrice: cny(1_990), id: lineIDs ? "\(id)-\(index + 1)" : nil)
                     },
                     total: cny(1_990), trackingNumber: tracking)
    }

    static func stock(_ sku: String, _ quantity: Int64, on channel: ChannelID = channel) -> OutboxDraft {
        OutboxDraft(channel: channel, key: sku, listing: "g-\(sku)", payload: .stock(quantity: quantity))
    }

    static func price(_ sku: String, _ minor: Int64, on channel: ChannelID = channel) -> OutboxDraft {
        OutboxDraft(channel: channel, key: sku, listing: "g-\(sku)", payload: .price(cny(minor)))
    }
}
