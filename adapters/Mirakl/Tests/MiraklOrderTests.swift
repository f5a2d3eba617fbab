import Foundation
import MarketSync
import MarketSyncTesting
import Mirakl
import MiraklSandbox
import Testing

/// OR11 listings and the order life cycle (docs/channels.md, "Orders and their states", "Paging", "Order acceptance",
/// "Shipping with tracking") against the sandbox.
@Suite struct MiraklOrderTests {
    /// `count` orders created a minute apart from `base` (ISO), one line each.
    static func orders(_ ids: [String], createdFrom base: Int, state: String = "SHIPPING") -> String {
        let list = ids.enumerated().map { index, id in
            """
            {"order_id": "\(id)", "state": "\(state)", "created_date": \(base + index * 60), "last_updated_date": \(base + index * 60),
             "order_lines": [{"offer_sku": "YUG-PC-050", "offer_id": 5001, "quantity": \(index + 1), "price_unit": "12.50"}]}
            """
        }
        return "[\(list.joined(separator: ","))]"
    }

    var window: OrderWindow {
        OrderWindow(start: Fake.start.addingTimeInterval(-3600), end: Fake.start)
    }

    func readAll(_ adapter: MiraklAdapter, between: (@Sendable (Int) async throws -> Void)? = nil) async throws -> [ChannelOrder] {
        var orders: [ChannelOrder] = []
        var continuation: OrderContinuation?
        var pages = 0
        repeat {
            let page = try await adapter.pullOrders(in: window, after: continuation)
            orders += page.orders
            continuation = page.next
            pages += 1
            if continuation != nil { try await between?(pages) }
        } while continuation != nil && pages < 100
        return orders
    }

    @Test func everyOrderIsListedAcrossOffsetsWhileOrdersChangeAndArrive() async throws {
        let fixture = MiraklFixture(pageSize: 2)
        let base = Int(Fake.start.timeIntervalSince1970) - 1800
        try await fixture.admin("POST", "/_sandbox/orders", Self.orders(["A-1", "A-2", "A-3", "A-4", "A-5"], createdFrom: base))
        let orders = try await readAll(fixture.adapter) { page in
            guard page == 1 else { return }
            // Between the first and second page: an order already read ships, an order on a later page is cancelled,
            // and a new one arrives. Offsets stay put because the listing is ordered by creation date.
            fixture.clock.advance(by: .seconds(30))
            try await fixture.admin("POST", "/_sandbox/orders/state", #"{"order_id": "A-1", "state": "SHIPPED"}"#)
            try await fixture.admin("POST", "/_sandbox/orders/state", #"{"order_id": "A-4", "state": "CANCELED"}"#)
            try await fixture.admin("POST", "/_sandbox/orders", Self.orders(["A-6"], createdFrom: base + 3000))
        }
        #expect(Set(orders.map(\.id)) == ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6"])
        let requests = fixture.log.calls("/api/orders")
        #expect(requests.map { $0.query["offset"] } == ["0", "2", "4"])
        #expect(requests.allSatisfy { $0.query["max"] == "2" && $0.query["start_update_date"] == "2026-11-20T07:00:00Z" })
        #expect(requests.allSatisfy { $0.query["end_update_date"] == nil })
        #expect(orders.first { $0.id == "A-4" }?.state == .cancelled)
    }

    @Test func linesMapByTheTableAndTheOrderRollsUp() async throws {
        let fixture = MiraklFixture()
        let now = Int(Fake.start.timeIntervalSince1970) - 600
        try await fixture.admin("POST", "/_sandbox/orders", """
            [{"order_id": "B-1", "state": "SHIPPING", "created_date": \(now), "order_lines": [
               {"order_line_id": "B-1-1", "offer_sku": "YUG-PC-050", "quantity": 2, "price_unit": "12.50", "state": "SHIPPING"},
               {"order_line_id": "B-1-2", "offer_sku": "YUG-CN-200", "quantity": 1, "price_unit": "8.40", "state": "REFUSED"}]},
             {"order_id": "B-2", "state": "WAITING_ACCEPTANCE", "created_date": \(now + 1), "order_lines": [
               {"offer_sku": "YUG-PC-050", "quantity": 1, "price_unit": "12.50"}]},
             {"order_id": "B-3", "state": "SHIPPED", "created_date": \(now + 2), "order_lines": [
               {"order_line_id": "B-3-1", "offer_sku": "YUG-PC-050", "quantity": 1, "price_unit": "12.50"}]},
             {"order_id": "B-4", "state": "SHIPPING", "created_date": \(now + 3), "has_incident": true, "order_lines": [
               {"offer_sku": "YUG-PC-050", "quantity": 1, "price_unit": "12.50"}]}]
            """)
        try await fixture.admin("POST", "/_sandbox/orders/refund", #"{"line_id": "B-3-1", "amount": 12.5}"#)
        let orders = Dictionary(uniqueKeysWithValues: try await readAll(fixture.adapter).map { ($0.id, $0) })
        let b1 = try #require(orders["B-1"])
        #expect(b1.state == .readyToShip)
        #expect(b1.rawStatus == "SHIPPING")
        #expect(b1.lines.map(\.state) == [.readyToShip, .refused])
        #expect(b1.lines.map(\.id) == ["B-1-1", "B-1-2"])
        #expect(b1.lines.map(\.sku) == ["YUG-PC-050", "YUG-CN-200"])
        #expect(b1.lines.first?.unitPrice == Fake.euros("12.50"))
        #expect(b1.total == Fake.euros("33.40"))
        #expect(orders["B-2"]?.state == .pendingAcceptance)
        #expect(orders["B-3"]?.state == .returnOrRefundInProgress)
        #expect(orders["B-3"]?.lines.first?.rawStatus == "SHIPPED/WAITING_REFUND")
        #expect(orders["B-4"]?.state == .incident)

        try await fixture.admin("POST", "/_sandbox/orders/refund/complete", #"{"order_id": "B-3"}"#)
        let refunded = try await readAll(fixture.adapter).first { $0.id == "B-3" }
        #expect(refunded?.state == .refunded)
    }

    @Test func aStateTheAdapterNeverHeardOfIsKeptAsUnknownWithItsText() async throws {
        let fixture = MiraklFixture()
        try await fixture.admin("POST", "/_sandbox/orders", Self.orders(["C-1"], createdFrom: Int(Fake.start.timeIntervalSince1970) - 600))
        try await fixture.admin("POST", "/_sandbox/orders/state", #"{"order_id": "C-1", "state": "WAITING_SCORING"}"#)
        let order = try #require(try await readAll(fixture.adapter).first)
        #expect(order.state == .unknown)
        #expect(order.state.reservesStock)
        #expect(order.rawStatus == "WAITING_SCORING")
        #expect(order.lines.first?.rawStatus == "WAITING_SCORING")
    }

    @Test(arguments: [true, false])
    func linesAreAcceptedOrRefusedOneByOne(acceptBoth: Bool) async throws {
        let fixture = MiraklFixture()
        try await fixture.admin("POST", "/_sandbox/orders", """
            [{"order_id": "D-1", "order_lines": [{"offer_sku": "YUG-PC-050", "quantity": 2}, {"offer_sku": "YUG-MK-300", "quantity": 9}]}]
            """)
        let decisions = [OrderLineDecision(line: "D-1-1", accepted: true), OrderLineDecision(line: "D-1-2", accepted: acceptBoth)]
        try await fixture.adapter.respond(.acceptance(orderID: "D-1", lines: decisions))
        let body = try #require(fixture.log.calls("/api/orders/D-1/accept", method: "PUT").first?.json["order_lines"] as? [[String: Any]])
        #expect(body.map { $0["id"] as? String } == ["D-1-1", "D-1-2"])
        #expect(body.map { $0["accepted"] as? Bool } == [true, acceptBoth])
        let order = try await fixture.order("D-1")
        let lines = order?["lines"] as? [[String: Any]]
        #expect(lines?.map { $0["state"] as? String } == ["WAITING_DEBIT_PAYMENT", acceptBoth ? "WAITING_DEBIT_PAYMENT" : "REFUSED"])
        #expect(order?["state"] as? String == "WAITING_DEBIT_PAYMENT")
    }

    @Test func aRepeatedAcceptanceIsDoneOnceTheOrderHasMovedOnAsAnswered() async throws {
        let fixture = MiraklFixture()
        try await fixture.admin("POST", "/_sandbox/orders", #"[{"order_id": "E-1", "order_lines": [{"offer_sku": "YUG-PC-050", "quantity": 1}]}]"#)
        let answer = OrderResponse.acceptance(orderID: "E-1", lines: [OrderLineDecision(line: "E-1-1", accepted: true)])
        try await fixture.adapter.respond(answer)
        try await fixture.admin("POST", "/_sandbox/orders/debit", #"{"order_id": "E-1"}"#)
        // The acknowledgement was lost: the same answer goes again, the channel says ORDER_INVALID_STATE, OR11 shows it done.
        try await fixture.adapter.respond(answer)
        #expect(fixture.log.calls("/api/orders/E-1/accept").count == 2)
        #expect(fixture.log.calls("/api/orders").last?.query["order_ids"] == "E-1")

        // A different answer to an order that moved on is not done.
        await #expect(throws: MarketSyncError.self) {
            try await fixture.adapter.respond(.acceptance(orderID: "E-1", lines: [OrderLineDecision(line: "E-1-1", accepted: false)]))
        }
    }

    @Test func anAcceptanceLeavingOutALineIsRefusedAsValidation() async throws {
        let fixture = MiraklFixture()
        try await fixture.admin("POST", "/_sandbox/orders", """
            [{"order_id": "F-1", "order_lines": [{"offer_sku": "YUG-PC-050", "quantity": 1}, {"offer_sku": "YUG-CN-200", "quantity": 1}]}]
            """)
        do {
            try await fixture.adapter.respond(.acceptance(orderID: "F-1", lines: [OrderLineDecision(line: "F-1-1", accepted: true)]))
            Issue.record("a missing decision must fail")
        } catch let error as MarketSyncError {
            #expect(error.code == .validation)
            #expect(error.key == "order F-1")
            #expect(error.message.contains("ORDER_LINE_ACCEPTANCE_DECISION_MISSING"))
        }
        await #expect(throws: MarketSyncError.self) { try await fixture.adapter.respond(.acknowledgement(orderID: "F-1")) }
    }

    @Test func anOrderShipsWithTrackingThenShipAndAShipmentSentTwiceIsDone() async throws {
        let fixture = MiraklFixture()
        try await fixture.admin("POST", "/_sandbox/orders", Self.orders(["G-1"], createdFrom: Int(Fake.start.timeIntervalSince1970) - 600))
        let shipment = Shipment(orderID: "G-1", carrier: "COLISSIMO", trackingNumber: "6A12345678901")
        try await fixture.adapter.confirmShipment(shipment)
        var order = try await fixture.order("G-1")
        #expect(order?["state"] as? String == "SHIPPED")
        #expect(order?["tracking_number"] as? String == "6A12345678901")
        #expect(order?["carrier_code"] as? String == "COLISSIMO")
        let tracking = try #require(fixture.log.calls("/api/orders/G-1/tracking", method: "PUT").first)
        #expect(tracking.json["carrier_code"] as? String == "COLISSIMO")
        #expect(fixture.log.calls("/api/orders/G-1/ship", method: "PUT").count == 1)

        try await fixture.adapter.respond(.shipment(shipment))
        #expect(fixture.log.calls("/api/orders/G-1/ship", method: "PUT").count == 2)
        order = try await fixture.order("G-1")
        #expect(order?["state"] as? String == "SHIPPED")

        try await fixture.admin("POST", "/_sandbox/orders", Self.orders(["G-2"], createdFrom: Int(Fake.start.timeIntervalSince1970) - 600))
        try await fixture.adapter.confirmShipment(Shipment(orderID: "G-2", carrier: "name:Boxberry", trackingNumber: "BB1"))
        #expect(try await fixture.order("G-2")?["carrier_name"] as? String == "Boxberry")
    }

    @Test func anOrderNotReadyToShipIsRefused() async throws {
        let fixture = MiraklFixture()
        try await fixture.admin("POST", "/_sandbox/orders", #"[{"order_id": "H-1", "order_lines": [{"offer_sku": "YUG-PC-050", "quantity": 1}]}]"#)
        do {
            try await fixture.adapter.confirmShipment(Shipment(orderID: "H-1", carrier: "DHL", trackingNumber: "1"))
            Issue.record("an order waiting for acceptance cannot ship")
        } catch let error as MarketSyncError {
            #expect(error.code == .validation)
            #expect(error.message.contains("OR23"))
            #expect(error.message.contains("ORDER_INVALID_STATE"))
        }
    }

    @Test func aShipmentOfSomeLinesIsRefusedBecauseMiraklShipsWholeOrders() async throws {
        let fixture = MiraklFixture()
        try await fixture.admin("POST", "/_sandbox/orders", """
            [{"order_id": "J-1", "state": "SHIPPING", "order_lines": [{"offer_sku": "YUG-PC-050", "quantity": 1}, {"offer_sku": "YUG-CN-200", "quantity": 1}]}]
            """)
        await #expect(throws: MarketSyncError.self) {
            try await fixture.adapter.confirmShipment(Shipment(orderID: "J-1", carrier: "DHL", trackingNumber: "1",
                                                               lines: [ShipmentLine(line: "J-1-1", quantity: 1)]))
        }
        #expect(fixture.log.calls("/api/orders/J-1/tracking").isEmpty)
    }
}
