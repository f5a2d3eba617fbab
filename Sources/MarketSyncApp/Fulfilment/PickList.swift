internal import Foundation
public import MarketSync

/// What the warehouse must pack: one row per line of the orders asked for, with the product's names, barcode,
/// unit and stock places from the catalog. A line whose SKU the catalog does not hold is still listed, its
/// catalog columns empty, and counted in `notInCatalog`.
public struct PickList: Sendable {
    /// One row per order line, oldest order first, lines in the channel's order.
    public var rows: [PickListRow]

    /// The line states nothing is packed for: the line will not ship.
    static let notPacked: Set<OrderState> = [.cancelled, .refused, .refunded, .returnOrRefundInProgress]

    /// The rows for the lines of `orders` (in that order), reading each SKU's product once from `store`. A line that
    /// will not ship (cancelled, refused, refunded on the channel, or refused by our own answer) is left out.
    public static func make(_ orders: [StoredOrder], catalog store: any OrderQueryStore) async throws -> PickList {
        var products: [SKU: Product?] = [:]
        var rows: [PickListRow] = []
        for stored in orders {
            for line in stored.order.lines {
                if let state = line.state, notPacked.contains(state) { continue }
                if let id = line.id, stored.lineDecisions[id] == false { continue }
                if products[line.sku] == nil { products[line.sku] = .some(try await store.product(line.sku)) }
                rows.append(row(stored, line, product: products[line.sku] ?? nil))
            }
        }
        return PickList(rows: rows)
    }

    /// The rows as given.
    public init(rows: [PickListRow]) { self.rows = rows }

    /// The rows whose SKU the catalog does not hold.
    public var notInCatalog: [PickListRow] { rows.filter { !$0.inCatalog } }

    /// RFC 4180 CSV in UTF-8 without a byte order mark: the header `PickListRow.columns`, then one record per
    /// row, each ending CRLF; a field holding a comma, a quote or a line break is quoted, its quotes doubled.
    public var csv: String {
        ([PickListRow.columns] + rows.map(\.cells)).map(CSVText.record).joined()
    }

    /// A JSON array of the rows, keys sorted, every key present.
    public func json() throws -> String {
        String(decoding: try JSONEncoder.summary.encode(rows), as: UTF8.self)
    }

    /// The row of one line: the catalog's columns filled from `product` when it is known.
    static func row(_ stored: StoredOrder, _ line: OrderLine, product: Product?) -> PickListRow {
        let stocked = (product?.lots ?? []).filter { $0.quantity > 0 }.sorted(by: earliestExpiryFirst)
        var warehouses: [String] = []
        for lot in stocked where !warehouses.contains(lot.warehouse) { warehouses.append(lot.warehouse) }
        let lots = stocked.filter { $0.lot != "-" }.map { "\($0.warehouse)/\($0.lot)" }
        return PickListRow(channel: stored.channel.rawValue, orderID: stored.order.id, placedAt: stored.order.placedAt,
                           lineID: line.id, sku: line.sku.rawValue, nameRU: product?.names.ru ?? "", nameZH: product?.names.zh ?? "",
                           gtin: product?.gtin?.description ?? "", quantity: line.quantity, unit: product?.unit ?? "",
                           warehouse: warehouses.joined(separator: ";"), lot: lots.joined(separator: ";"), inCatalog: product != nil)
    }

    /// Lots that expire first come first (a lot without an expiry date last), then by warehouse and lot code.
    static func earliestExpiryFirst(_ lhs: StockLot, _ rhs: StockLot) -> Bool {
        switch (lhs.expiresOn, rhs.expiresOn) {
        case let (left?, right?) where left != right: return left < right
        case (.some, nil): return true
        case (nil, .some): return false
        default: return (lhs.warehouse, lhs.lot) < (rhs.warehouse, rhs.lot)
        }
    }
}
