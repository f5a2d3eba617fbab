import Foundation
import MarketSync
import MarketSyncApp
import Testing

/// What `marketsync orders` prints: a table for people and one JSON document whose keys are the same for every
/// order, absent values as null.
@Suite struct OrderTableTests {
    let updated = Date(timeIntervalSince1970: 1_795_708_800)  // 2026-11-26T16:00:00Z

    func rows() -> [OrderRow] {
        let full = ChannelOrder(id: "E-1", state: .readyToShip, rawStatus: "order_status=1;refund_status=1", updatedAt: updated,
                                lines: [OrderLine(sku: "YUG-PC-050", quantity: 2, unitPrice: Money(minorUnits: 5690, currency: .cny),
                                                  listing: "100001:200001"),
                                        OrderLine(sku: "YUG-CN-200", quantity: 1, id: "L2", state: .readyToShip)],
                                total: Money(minorUnits: 12_000, currency: .cny), trackingNumber: "SF100",
                                placedAt: updated.addingTimeInterval(-90))
        let bare = ChannelOrder(id: "E-2", state: .cancelled, rawStatus: "confirm_status=2", updatedAt: updated, lines: [])
        return [OrderRow(StoredOrder(channel: "epinduo", order: full, history: [])),
                OrderRow(StoredOrder(channel: "epinduo", order: bare, history: []))]
    }

    @Test func jsonHasStableKeysAndNulls() throws {
        let json = try OrderTable(rows: rows(), zone: try SinceTime.zone("UTC")).json()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(document["count"] as? Int == 2)
        let orders = try #require(document["orders"] as? [[String: Any]])
        let keys: Set = ["channel", "order_id", "state", "raw_status", "placed_at", "updated_at", "lines", "total", "tracking_number"]
        #expect(orders.map { Set($0.keys) } == [keys, keys])
        #expect(orders[0]["placed_at"] as? String == "2026-11-26T15:58:30Z")
        #expect(orders[0]["updated_at"] as? String == "2026-11-26T16:00:00Z")
        #expect(orders[0]["total"] as? [String: String] == ["amount": "120.00", "currency": "CNY"])
        #expect(orders[0]["tracking_number"] as? String == "SF100")
        #expect(orders[1]["placed_at"] is NSNull)
        #expect(orders[1]["total"] is NSNull)
        #expect(orders[1]["tracking_number"] is NSNull)
        let lines = try #require(orders[0]["lines"] as? [[String: Any]])
        #expect(lines.map { Set($0.keys) } == Array(repeating: ["sku", "quantity", "line_id", "state", "listing", "unit_price"], count: 2))
        #expect(lines[0]["quantity"] as? Int == 2)
        #expect(lines[0]["line_id"] is NSNull)
        #expect(lines[0]["unit_price"] as? [String: String] == ["amount": "56.90", "currency": "CNY"])
        #expect(lines[1]["line_id"] as? String == "L2")
        #expect(lines[1]["state"] as? String == "readyToShip")
        // Sorted keys: the same document byte for byte on every run.
        #expect(json == (try OrderTable(rows: rows(), zone: try SinceTime.zone("UTC")).json()))
    }

    @Test func theTableShowsLinesAndLocalTimes() throws {
        let text = OrderTable(rows: rows(), zone: try SinceTime.zone("Asia/Shanghai")).text
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("CHANNEL"))
        #expect(lines[0].contains("PLACED (Asia/Shanghai)"))
        #expect(lines[1].contains("YUG-PC-050×2, YUG-CN-200×1"))
        #expect(lines[1].contains("2026-11-26 23:58"))  // placed, in Shanghai
        #expect(lines[1].contains("2026-11-27 00:00"))  // updated, in Shanghai
        #expect(lines[1].contains("120.00 CNY"))
        #expect(lines[1].hasSuffix("SF100"))
        #expect(lines[2].contains("cancelled"))
        #expect(lines[3] == "2 orders")
        #expect(OrderTable(rows: [], zone: .current).text == "no orders match")
    }
}
