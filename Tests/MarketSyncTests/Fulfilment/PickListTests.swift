import Foundation
import MarketSync
@testable import MarketSyncApp
import MarketSyncStore
import Testing

/// `marketsync orders export`: one row per order line with the catalog's names and GTIN, as RFC 4180 CSV or a
/// JSON array, read back here with the project's own CSV reader.
@Suite struct PickListTests {
    let at = Date(timeIntervalSince1970: 1_795_708_800)
    static let trickyRU = #"Орех кедровый, "Сибирский" 200 г"#
    static let trickyZH = #"西伯利亚"松子", 200克"#

    /// A catalog of two products (one with a comma and quotes in both names, stock in two warehouses) and two
    /// ready orders: one of both products, one of a SKU the catalog does not hold.
    func filledStore() async throws -> TemporaryStore {
        let temporary = try TemporaryStore()
        let expiresSoon = Date(timeIntervalSince1970: 1_800_000_000), expiresLater = Date(timeIntervalSince1970: 1_810_000_000)
        let nuts = Product(sku: "YUG-CN-200", gtin: try GTIN(validating: "4607093000045"),
                           names: LocalizedNames(ru: Self.trickyRU, zh: Self.trickyZH, en: "Cedar nuts"), unit: "pcs",
                           basePrice: Money(minorUnits: 79_000, currency: .rub),
                           lots: [StockLot(warehouse: "surgut", lot: "L2", quantity: 10, expiresOn: expiresLater),
                                  StockLot(warehouse: "khanty", lot: "L1", quantity: 4, expiresOn: expiresSoon),
                                  StockLot(warehouse: "empty", lot: "L0", quantity: 0, expiresOn: expiresSoon)])
        let jam = Product(sku: "YUG-LB-250", gtin: nil, names: LocalizedNames(ru: "Варенье брусничное 250 г", zh: "越橘果酱 250克", en: ""),
                          unit: "jar", basePrice: Money(minorUnits: 45_000, currency: .rub),
                          lots: [StockLot(warehouse: "main", lot: "-", quantity: 7)])
        _ = try await temporary.store.applyImport([nuts, jam], source: "test", at: at)
        let orders = [
            ChannelOrder(id: "E-100", state: .readyToShip, rawStatus: "order_status=1", updatedAt: at,
                         lines: [OrderLine(sku: "YUG-CN-200", quantity: 2), OrderLine(sku: "YUG-LB-250", quantity: 1)], placedAt: at),
            ChannelOrder(id: "E-200", state: .readyToShip, rawStatus: "order_status=1", updatedAt: at.addingTimeInterval(60),
                         lines: [OrderLine(sku: "GHOST-1", quantity: 3, listing: "999:888")]),
            ChannelOrder(id: "E-300", state: .shipped, rawStatus: "order_status=2", updatedAt: at,
                         lines: [OrderLine(sku: "YUG-LB-250", quantity: 5)]),
        ]
        _ = try await temporary.store.storeOrders(orders, channel: "epinduo", cursor: at, at: at)
        return temporary
    }

    func pickList(_ store: SQLiteStore) async throws -> PickList {
        let orders = try await OrderFilter(states: [.readyToShip]).orders(in: store)
        return try await PickList.make(orders, catalog: store)
    }

    @Test func csvQuotesNamesAndRoundTripsRussianAndChinese() async throws {
        let temporary = try await filledStore()
        defer { temporary.remove() }
        let list = try await pickList(temporary.store)
        let csv = list.csv
        let bytes = Array(csv.utf8)
        #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]), "no byte order mark")
        #expect(csv.hasPrefix("channel,order_id,placed_at,line_id,sku,name_ru,name_zh,gtin,quantity,unit,warehouse,lot\r\n"))
        // The tricky names are quoted, their quotes doubled.
        #expect(csv.contains(#","Орех кедровый, ""Сибирский"" 200 г","西伯利亚""松子"", 200克","#))

        let records = try CSVRecordReader(delimiter: UInt8(ascii: ",")).records(in: bytes)
        let cells = records.map { $0.fields.map { String(decoding: $0, as: UTF8.self) } }
        #expect(cells.count == 4)
        #expect(cells.allSatisfy { $0.count == PickListRow.columns.count })
        let header = cells[0]
        func row(_ index: Int) -> [String: String] { Dictionary(uniqueKeysWithValues: zip(header, cells[index])) }
        let nuts = row(1)
        #expect(nuts["order_id"] == "E-100")
        // The placing time as the store keeps it (a store that does not keep it yet gives an empty cell).
        let placed = try await temporary.store.order("E-100", channel: "epinduo")?.order.placedAt
        #expect(nuts["placed_at"] == placed.map(TimeText.iso) ?? "")
        #expect(nuts["sku"] == "YUG-CN-200")
        #expect(nuts["name_ru"] == Self.trickyRU)
        #expect(nuts["name_zh"] == Self.trickyZH)
        #expect(nuts["gtin"] == "4607093000045")
        #expect(nuts["quantity"] == "2")
        #expect(nuts["unit"] == "pcs")
        // Where the stock is: the earliest-expiring lot first; a warehouse with none left is not named.
        #expect(nuts["warehouse"] == "khanty;surgut")
        #expect(nuts["lot"] == "khanty/L1;surgut/L2")
        let jam = row(2)
        #expect(jam["name_zh"] == "越橘果酱 250克")
        #expect(jam["gtin"] == "")
        #expect(jam["unit"] == "jar")
        #expect(jam["warehouse"] == "main")
        #expect(jam["lot"] == "")
        // The SKU the catalog does not hold: still exported, names empty, counted.
        let ghost = row(3)
        #expect(ghost["order_id"] == "E-200")
        #expect(ghost["sku"] == "GHOST-1")
        #expect(ghost["quantity"] == "3")
        #expect(ghost["name_ru"] == "" && ghost["name_zh"] == "" && ghost["placed_at"] == "")
        #expect(list.notInCatalog.map(\.sku) == ["GHOST-1"])
        // Shipped orders are not in a readyToShip export.
        #expect(!cells.contains { $0.contains("E-300") })
    }

    @Test func jsonIsAnArrayWithTheSameKeys() async throws {
        let temporary = try await filledStore()
        defer { temporary.remove() }
        let json = try await pickList(temporary.store).json()
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { Set($0.keys) == Set(PickListRow.columns) })
        #expect(rows[0]["name_ru"] as? String == Self.trickyRU)
        #expect(rows[0]["name_zh"] as? String == Self.trickyZH)
        #expect(rows[0]["quantity"] as? Int == 2)
        #expect(rows[0]["line_id"] is NSNull)
        #expect(rows[2]["placed_at"] is NSNull)
        #expect(rows[2]["name_ru"] as? String == "")
    }

    @Test func linesThatWillNotShipAreNotPacked() async throws {
        let temporary = try await filledStore()
        defer { temporary.remove() }
        let order = ChannelOrder(id: "M-1", state: .readyToShip, rawStatus: "SHIPPING", updatedAt: at, lines: [
            OrderLine(sku: "YUG-CN-200", quantity: 1, id: "M-1-1", state: .readyToShip, rawStatus: "SHIPPING"),
            OrderLine(sku: "YUG-LB-250", quantity: 2, id: "M-1-2", state: .cancelled, rawStatus: "CANCELED"),
            OrderLine(sku: "YUG-LB-250", quantity: 3, id: "M-1-3", state: .refused, rawStatus: "REFUSED"),
            OrderLine(sku: "YUG-CN-200", quantity: 4, id: "M-1-4", state: .readyToShip, rawStatus: "SHIPPING"),
        ])
        let stored = StoredOrder(channel: "carrefour", order: order, history: [], lineDecisions: ["M-1-4": false])
        let list = try await PickList.make([stored], catalog: temporary.store)
        #expect(list.rows.map(\.cells[3]) == ["M-1-1"])
    }

    @Test func aLineWithItsIDAndPlacingTimeFillsThoseCells() throws {
        let order = ChannelOrder(id: "PO-1", state: .readyToShip, rawStatus: "Acknowledged", updatedAt: at,
                                 lines: [OrderLine(sku: "YUG-LB-250", quantity: 4, id: "2")], placedAt: at.addingTimeInterval(-0.25))
        let row = PickList.row(StoredOrder(channel: "walmart-cn", order: order, history: []), order.lines[0], product: nil)
        #expect(row.cells == ["walmart-cn", "PO-1", "2026-11-26T15:59:59.750Z", "2", "YUG-LB-250", "", "", "", "4", "", "", ""])
        #expect(!row.inCatalog)
    }

    @Test(arguments: [("plain", "plain"), ("a,b", #""a,b""#), (#"say "hi""#, #""say ""hi""""#), ("two\nlines", "\"two\nlines\""),
                      (" padded", "\" padded\""), ("", "")])
    func fieldsAreQuotedOnlyWhenTheyMustBe(text: String, written: String) {
        #expect(CSVText.field(text) == written)
    }
}
