import Foundation
import MarketSync
import MarketSyncTesting
import Testing
import Walmart
import WalmartSandbox

/// Orders: listing by last-modified window and `nextCursor`, line statuses and their roll-up, acknowledgement and
/// shipping line by line (docs/channels.md, "Orders and their states" to "Paging").
@Suite struct WalmartOrderTests {
    /// A window ending 2 minutes before the fixture's start, an hour long.
    var window: OrderWindow { OrderWindow(start: Fake.start.addingTimeInterval(-3600), end: Fake.start.addingTimeInterval(-120)) }

    /// `count` orders `PO-1`… of one `Created` line each, modified 10 minutes before the start.
    func addOrders(_ fixture: WalmartFixture, _ count: Int, status: String = "Created") async {
        let modified = Int64(Fake.start.timeIntervalSince1970 * 1000) - 600_000
        let orders = (1...count).map { n in
            #"{"purchase_order_id": "PO-\#(n)", "order_date": \#(modified - Int64(n) * 1000), "last_modified": \#(modified), "#
                + #""lines": [{"sku": "WM-\#(n % 3)", "quantity": 1, "price": "4.99", "status": "\#(status)"}]}"#
        }
        await fixture.addOrders("[\(orders.joined(separator: ","))]")
    }

    /// Every order of `window`, answer by answer.
    func listAll(_ fixture: WalmartFixture, window: OrderWindow) async throws -> (orders: [ChannelOrder], answers: Int) {
        var orders: [ChannelOrder] = []
        var continuation: OrderContinuation?
        var answers = 0
        repeat {
            let page = try await fixture.adapter.pullOrders(in: window, after: continuation)
            answers += 1
            orders += page.orders
            continuation = page.next
        } while continuation != nil && answers < 50
        return (orders, answers)
    }

    @Test func ordersAreListedAcrossNextCursorPages() async throws {
        let fixture = WalmartFixture(pageSize: 3)
        await addOrders(fixture, 7)
        let (orders, answers) = try await listAll(fixture, window: window)
        #expect(answers == 3)
        #expect(Set(orders.map(\.id)) == Set((1...7).map { "PO-\($0)" }))
        let requests = fixture.log.calls.map { $0.url.query(percentEncoded: true) ?? "" }
        #expect(requests[0] == "createdStartDate=2026-10-21T07%3A00%3A00Z&lastModifiedStartDate=2026-11-20T07%3A00%3A00Z"
                + "&lastModifiedEndDate=2026-11-20T07%3A58%3A00Z&limit=3")
        // The next pages are the nextCursor the sandbox gave, sent as is: it carries the filters and the position.
        #expect(requests[1].hasPrefix("limit=3&hasMoreElements=true&soIndex=3&"))
        #expect(requests[1].contains("lastModifiedStartDate=2026-11-20T07%3A00%3A00Z"))
        #expect(requests[2].contains("soIndex=6"))
    }

    @Test func anOrderOutsideTheWindowIsNotListedAndAnEmptyListingIsNotAnError() async throws {
        let fixture = WalmartFixture()
        await addOrders(fixture, 2)
        let later = OrderWindow(start: Fake.start.addingTimeInterval(-300), end: Fake.start.addingTimeInterval(-120))
        let page = try await fixture.adapter.pullOrders(in: later, after: nil)
        #expect(page.orders.isEmpty && page.next == nil)
        #expect(fixture.log.answers.last?.status == 404, "Walmart answers 404 CONTENT_NOT_FOUND when nothing matches")
    }

    @Test func aNewOrderNeedsAcknowledgementAndKeepsItsLinesAndDates() async throws {
        let fixture = WalmartFixture()
        await fixture.addOrders("""
            [{"purchase_order_id": "PO-9", "order_date": "2026-11-20T07:40:00Z", "last_modified": "2026-11-20T07:45:00Z",
              "lines": [{"line_number": "1", "sku": "YUG-CN-200", "quantity": 1, "price": "8.25", "status": "Created", "status_date": "2026-11-20T07:45:00Z"},
                        {"line_number": "2", "sku": "YUG-LB-300", "quantity": 3, "price": "9.00", "status": "Created"}]}]
            """)
        let order = try #require(try await fixture.adapter.pullOrders(in: window, after: nil).orders.first)
        #expect(order.id == "PO-9")
        #expect(order.state == .pendingAcceptance)
        #expect(order.rawStatus == "Created")
        #expect(order.placedAt == WalmartTime.parseQuery("2026-11-20T07:40:00Z"))
        #expect(order.updatedAt == WalmartTime.parseQuery("2026-11-20T07:45:00Z"))
        #expect(order.lines.map(\.id) == ["1", "2"])
        #expect(order.lines.map(\.sku) == ["YUG-CN-200", "YUG-LB-300"])
        #expect(order.lines.map(\.quantity) == [1, 3])
        #expect(order.lines.map(\.state) == [.pendingAcceptance, .pendingAcceptance])
        #expect(order.lines[0].unitPrice == Money(minorUnits: 825, currency: .usd))
        #expect(order.lines[1].unitPrice == nil, "a charge of 3 units is not split into a unit price: unconfirmed whether it is per unit")
        #expect(order.total == nil)
    }

    @Test(arguments: [
        ("Created", OrderState.pendingAcceptance), ("Acknowledged", .readyToShip), ("Shipped", .shipped), ("Delivered", .delivered),
        ("Cancelled", .cancelled), ("Canceled", .cancelled), ("CANCELLED", .cancelled), ("Refund", .returnOrRefundInProgress),
        ("OnHold", .awaitingPayment), ("PendingReview", .unknown),
    ])
    func eachLineStatusMapsToItsState(status: String, state: OrderState) async throws {
        let fixture = WalmartFixture()
        await addOrders(fixture, 1, status: status)
        let order = try #require(try await fixture.adapter.pullOrders(in: window, after: nil).orders.first)
        #expect(order.lines.first?.state == state)
        #expect(order.lines.first?.rawStatus == status)
        #expect(order.state == state)
        #expect(order.rawStatus == status)
    }

    @Test func anUnknownStatusOnOneLineKeepsTheOrderUnknownWithItsRawText() async throws {
        let fixture = WalmartFixture()
        await fixture.addOrders("""
            [{"purchase_order_id": "PO-U", "order_date": "2026-11-20T07:40:00Z", "last_modified": "2026-11-20T07:45:00Z",
              "lines": [{"sku": "A", "quantity": 1, "status": "Acknowledged"}, {"sku": "B", "quantity": 1, "status": "Acknowledged"}]}]
            """)
        await fixture.admin("POST", "/_sandbox/orders/status", json: """
            {"purchase_order_id": "PO-U", "line_number": "2", "status": "InTransitToHub", "modified_at": "2026-11-20T07:46:00Z"}
            """)
        let order = try #require(try await fixture.adapter.pullOrders(in: window, after: nil).orders.first)
        #expect(order.state == .unknown)
        #expect(order.lines.map(\.state) == [.readyToShip, .unknown])
        #expect(order.rawStatus == "1=Acknowledged;2=InTransitToHub")
    }

    @Test func aCanceledLineIsSetAsideAndTheOrderStandsWhereItsLiveLinesStand() async throws {
        let fixture = WalmartFixture()
        await fixture.addOrders("""
            [{"purchase_order_id": "PO-C", "order_date": "2026-11-20T07:40:00Z", "last_modified": "2026-11-20T07:40:00Z",
              "lines": [{"sku": "A", "quantity": 1}, {"sku": "B", "quantity": 2}]}]
            """)
        await fixture.admin("POST", "/_sandbox/orders/cancel", json: """
            {"purchase_order_id": "PO-C", "line_number": "2", "spelling": "Canceled", "reason": "CUSTOMER_REQUESTED_SELLER_TO_CANCEL",
             "modified_at": "2026-11-20T07:50:00Z"}
            """)
        let order = try #require(try await fixture.adapter.pullOrders(in: window, after: nil).orders.first)
        #expect(order.lines.map(\.state) == [.pendingAcceptance, .cancelled])
        #expect(order.lines[1].rawStatus == "Canceled")
        #expect(order.state == .pendingAcceptance)
        await fixture.admin("POST", "/_sandbox/orders/cancel", json: #"{"purchase_order_id": "PO-C", "line_number": "1", "modified_at": "2026-11-20T07:51:00Z"}"#)
        let cancelled = try #require(try await fixture.adapter.pullOrders(in: window, after: nil).orders.first)
        #expect(cancelled.state == .cancelled)
        #expect(cancelled.rawStatus == "1=Cancelled;2=Canceled")
    }

    @Test func aRefundedLineIsARefundInProgress() async throws {
        let fixture = WalmartFixture()
        await addOrders(fixture, 1, status: "Shipped")
        await fixture.admin("POST", "/_sandbox/orders/refund", json: #"{"purchase_order_id": "PO-1", "line_number": "1", "amount": 4.99, "modified_at": "2026-11-20T07:50:00Z"}"#)
        let order = try #require(try await fixture.adapter.pullOrders(in: window, after: nil).orders.first)
        #expect(order.state == .returnOrRefundInProgress)
        #expect(order.lines.first?.rawStatus == "Shipped,refund")
    }

    @Test func acknowledgingTwiceIsHarmlessAndAcknowledgesEveryLine() async throws {
        let fixture = WalmartFixture()
        await fixture.addOrders("""
            [{"purchase_order_id": "PO-A", "lines": [{"sku": "A", "quantity": 1}, {"sku": "B", "quantity": 2}]}]
            """)
        try await fixture.adapter.respond(.acknowledgement(orderID: "PO-A"))
        try await fixture.adapter.respond(.acknowledgement(orderID: "PO-A"))
        #expect(fixture.sandbox.requestCount("acknowledgeOrders") == 2)
        #expect(await fixture.lineStatuses("PO-A", line: "2").map(\.0) == ["Acknowledged"])
        let call = try #require(fixture.log.calls.first)
        #expect(call.method == "POST" && call.url.path == "/v3/orders/PO-A/acknowledge" && call.body.isEmpty)
    }

    @Test func aRefusedAcknowledgementOfAnOrderPastItCountsAsDone() async throws {
        let fixture = WalmartFixture()
        await fixture.addOrders(#"[{"purchase_order_id": "PO-X", "lines": [{"sku": "A", "quantity": 1, "status": "Acknowledged"}, {"sku": "B", "quantity": 1, "status": "Acknowledged"}]}]"#)
        await fixture.admin("POST", "/_sandbox/orders/cancel", json: #"{"purchase_order_id": "PO-X", "line_number": "2"}"#)
        try await fixture.adapter.respond(.acknowledgement(orderID: "PO-X"))
        #expect(fixture.log.calls.map(\.url.path) == ["/v3/orders/PO-X/acknowledge", "/v3/orders/PO-X"])
        #expect(fixture.log.answers[1].status == 400)
    }

    @Test func anAcknowledgementOfAnUnknownOrderIsRefused() async throws {
        let fixture = WalmartFixture()
        do {
            try await fixture.adapter.respond(.acknowledgement(orderID: "PO-NONE"))
            Issue.record("an unknown order cannot be acknowledged")
        } catch let error as MarketSyncError {
            #expect(error.code == .validation)
            #expect(error.key == "data" || error.key == "CONTENT_NOT_FOUND.GMP_ORDER_API")
            #expect(error.message.contains("acknowledgeOrders"))
        }
    }

    @Test func anAcceptanceIsRefusedWithoutACall() async throws {
        let fixture = WalmartFixture()
        do {
            try await fixture.adapter.respond(.acceptance(orderID: "PO-1", lines: [OrderLineDecision(line: "1", accepted: true)]))
            Issue.record("Walmart takes no acceptance")
        } catch let error as MarketSyncError {
            #expect(error.code == .validation)
        }
        #expect(fixture.log.all.isEmpty)
    }

    @Test func aShipmentNamingLinesShipsThoseUnitsWithTracking() async throws {
        let fixture = WalmartFixture()
        await fixture.addOrders("""
            [{"purchase_order_id": "PO-S", "lines": [{"sku": "A", "quantity": 2, "status": "Acknowledged"}, {"sku": "B", "quantity": 1, "status": "Acknowledged"}]}]
            """)
        try await fixture.adapter.respond(.shipment(Shipment(orderID: "PO-S", carrier: "sf express", trackingNumber: "SF100",
                                                             lines: [ShipmentLine(line: "1", quantity: 1)])))
        let line1 = await fixture.lineStatuses("PO-S", line: "1")
        #expect(line1.map(\.0) == ["Acknowledged", "Shipped"])
        #expect(line1.map(\.1) == [1, 1])
        #expect(line1.last?.2 == "SF100")
        #expect(await fixture.lineStatuses("PO-S", line: "2").map(\.0) == ["Acknowledged"])
        let body = try #require(fixture.log.calls.first.map { String(decoding: $0.body, as: UTF8.self) })
        #expect(body.contains(#""carrierName":{"carrier":"SF Express"}"#))
        #expect(body.contains(#""statusQuantity":{"amount":"1","unitOfMeasurement":"EACH"}"#))
        #expect(body.contains(#""sellerOrderId":"PO-S""#))
        #expect(body.contains(#""shipDateTime":1795161600000"#))
        #expect(body.contains(#""methodCode":"Standard""#))
        #expect(!body.contains("trackingURL"))
    }

    @Test func aShipmentWithoutLinesShipsEveryAcknowledgedUnitAndARepeatIsDone() async throws {
        let fixture = WalmartFixture()
        await fixture.addOrders("""
            [{"purchase_order_id": "PO-W", "lines": [{"sku": "A", "quantity": 2, "status": "Acknowledged"}, {"sku": "B", "quantity": 1, "status": "Acknowledged"}]}]
            """)
        let shipment = Shipment(orderID: "PO-W", carrier: "Yugra Post", trackingNumber: "YP 7/1")
        try await fixture.adapter.confirmShipment(shipment)
        #expect(fixture.log.calls.map(\.url.path) == ["/v3/orders/PO-W", "/v3/orders/PO-W/shipping"])
        #expect(await fixture.lineStatuses("PO-W", line: "1").map(\.0) == ["Shipped"])
        #expect(await fixture.lineStatuses("PO-W", line: "2").map(\.0) == ["Shipped"])
        let body = try #require(fixture.log.calls.last.map { String(decoding: $0.body, as: UTF8.self) })
        #expect(body.contains(#""carrierName":{"otherCarrier":"Yugra Post"}"#))
        #expect(body.contains(#""trackingURL":"https://track.example/YP%207%2F1""#))
        // The same shipment again: nothing is left to ship, every line shows it: done.
        try await fixture.adapter.confirmShipment(shipment)
        // Again naming the lines: Walmart refuses, the order shows them shipped with this number: done.
        try await fixture.adapter.confirmShipment(Shipment(orderID: "PO-W", carrier: "Yugra Post", trackingNumber: "YP 7/1",
                                                           lines: [ShipmentLine(line: "1", quantity: 2)]))
        #expect(fixture.sandbox.requestCount("shippingUpdates") == 2)
    }

    @Test func aShipmentOfAnUnacknowledgedOrderIsRefused() async throws {
        let fixture = WalmartFixture()
        await addOrders(fixture, 1)
        do {
            try await fixture.adapter.confirmShipment(Shipment(orderID: "PO-1", carrier: "UPS", trackingNumber: "1Z"))
            Issue.record("a Created line cannot ship")
        } catch let error as MarketSyncError {
            #expect(error.code == .validation)
            #expect(error.message.contains("no acknowledged line"))
        }
        do {
            try await fixture.adapter.confirmShipment(Shipment(orderID: "PO-1", carrier: "UPS", trackingNumber: "1Z",
                                                               lines: [ShipmentLine(line: "1", quantity: 1)]))
            Issue.record("the sandbox must refuse shipping a Created line")
        } catch let error as MarketSyncError {
            #expect(error.code == .validation)
            #expect(error.message.contains("shippingUpdates"))
        }
    }

    @Test func aCarrierWalmartDoesNotListNeedsATrackingURL() async throws {
        let fixture = WalmartFixture(trackingURL: nil)
        do {
            try await fixture.adapter.confirmShipment(Shipment(orderID: "PO-1", carrier: "Yugra Post", trackingNumber: "1"))
            Issue.record("refused without a call")
        } catch let error as MarketSyncError {
            #expect(error.code == .validation && error.key == "carrier")
        }
        #expect(fixture.log.all.isEmpty)
    }
}
