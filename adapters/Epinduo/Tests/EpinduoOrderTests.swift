@testable import Epinduo
@testable import EpinduoSandbox
import Foundation
import MarketSync
import MarketSyncTesting
import Testing

@Suite("Epinduo orders and shipments")
struct EpinduoOrderTests {
    /// 2024-01-01T00:00:00Z = 2024-01-01 08:00:00 in China.
    static let base: Int64 = 1_704_067_200

    func window(_ start: Int64, _ end: Int64) -> OrderWindow {
        OrderWindow(start: Date(timeIntervalSince1970: TimeInterval(start)), end: Date(timeIntervalSince1970: TimeInterval(end)))
    }

    func seedOrders(_ fixture: EpinduoFixture) async throws {
        let body = """
        [
          {"order_sn": "240101-003", "updated_at": \(Self.base + 300), "order_status": 2, "refund_status": 1,
           "confirm_status": 1, "group_status": 1,
           "items": [{"goods_id": 500, "sku_id": 1, "outer_id": "JAM-1", "goods_count": 1, "goods_price": 39.9}]},
          {"order_sn": "240101-002", "updated_at": \(Self.base + 60),
           "items": [{"goods_id": "500", "sku_id": "2", "outer_id": "JAM-2", "goods_count": 2, "goods_price": 45.9},
                     {"goods_id": 600, "sku_id": 7, "outer_id": "FISH-1", "goods_count": 1, "goods_price": 158}]},
          {"order_sn": "240101-001", "updated_at": \(Self.base + 60), "confirm_status": 2,
           "items": [{"goods_id": 500, "sku_id": 1, "outer_id": "JAM-1", "goods_count": 3, "goods_price": "39.90"}]},
          {"order_sn": "231231-999", "updated_at": \(Self.base - 3600),
           "items": [{"goods_id": 500, "sku_id": 1, "outer_id": "JAM-1", "goods_count": 1, "goods_price": 39.9}]}
        ]
        """
        let response = await fixture.admin("POST", "/_sandbox/orders", json: body)
        try #require(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
    }

    /// Every answer of one window, walking the continuations the way the engine does.
    func readWindow(_ adapter: EpinduoAdapter, _ window: OrderWindow) async throws -> [OrderPage] {
        var answers: [OrderPage] = []
        var continuation: OrderContinuation?
        repeat {
            let answer = try await adapter.pullOrders(in: window, after: continuation)
            answers.append(answer)
            continuation = answer.next
        } while continuation != nil && answers.count < 100
        return answers
    }

    @Test func readsTheCountThenPagesFromTheLastBackToTheFirst() async throws {
        let fixture = EpinduoFixture(pageSize: 2)
        try await seedOrders(fixture)
        let window = window(Self.base, Self.base + 1800)
        let answers = try await readWindow(fixture.adapter, window)
        // Three orders in the window, two a page: the count, then page 2, then page 1.
        #expect(answers.map(\.next) == [OrderContinuation("page=2"), OrderContinuation("page=1"), nil])
        #expect(answers.map { $0.orders.map(\.id) } == [[], ["240101-001"], ["240101-003", "240101-002"]])
        let forms = fixture.log.all.map(\.form)
        #expect(forms.map { $0["page"] } == ["1", "2", "1"])
        #expect(forms.map { $0["use_has_next"] } == [nil, "true", "true"])
        #expect(forms.allSatisfy { $0["page_size"] == "2" && $0["type"] == "pdd.order.number.list.increment.get" })
        #expect(forms.allSatisfy { $0["start_updated_at"] == String(Self.base) && $0["end_updated_at"] == String(Self.base + 1800) })
        #expect(forms.allSatisfy { $0["order_status"] == "5" && $0["refund_status"] == "5" && $0["is_lucky_flag"] == "0" })

        let cancelled = answers[1].orders[0]
        #expect(cancelled.state == .cancelled)
        #expect(cancelled.rawStatus == "order_status=1;refund_status=1;confirm_status=2;group_status=1")
        #expect(cancelled.total == Money(minorUnits: 11970, currency: .cny))
        let open = answers[2].orders[1]
        #expect(open.state == .readyToShip)
        #expect(open.updatedAt == Date(timeIntervalSince1970: TimeInterval(Self.base + 60)))
        #expect(open.lines == [OrderLine(sku: "JAM-2", quantity: 2, unitPrice: Money(minorUnits: 4590, currency: .cny), listing: "500:2"),
                               OrderLine(sku: "FISH-1", quantity: 1, unitPrice: Money(minorUnits: 15800, currency: .cny), listing: "600:7")])
        #expect(open.total == Money(minorUnits: 2 * 4590 + 15800, currency: .cny))
        #expect(answers[2].orders[0].state == .shipped)
    }

    @Test func aWindowOnOnePageIsOneCall() async throws {
        let fixture = EpinduoFixture(pageSize: 3)
        try await seedOrders(fixture)
        let answers = try await readWindow(fixture.adapter, window(Self.base, Self.base + 1800))
        #expect(answers.count == 1)
        #expect(answers[0].orders.map(\.id) == ["240101-003", "240101-002", "240101-001"])
        #expect(answers[0].next == nil)
        #expect(fixture.log.all.count == 1)
    }

    @Test func noOrderIsMissedWhileOrdersChangeBetweenPageReads() async throws {
        let fixture = EpinduoFixture(pageSize: 2)
        // Nine orders a minute apart in the window, five pages; after every page read the newest order of the window
        // changes and leaves it, shifting the rest one place towards page 1.
        fixture.sandbox.upsertOrders((1...9).map { index in
            EpinduoSandboxOrder(orderSN: "O\(index)", updatedAt: Self.base + Int64(index) * 60,
                                items: [.init(goodsID: "1", skuID: "2", outerID: "S", goodsCount: 1, goodsPriceFen: 100)])
        })
        fixture.sandbox.setOrderChurn(EpinduoSandboxOrderChurn(ordersPerRead: 1))
        let answers = try await readWindow(fixture.adapter, window(Self.base, Self.base + 1800))
        let read = Set(answers.flatMap { $0.orders.map(\.id) })
        let stayed = Set(fixture.sandbox.state.orders.values.filter { $0.updatedAt <= Self.base + 1800 }.map(\.orderSN))
        #expect(!stayed.isEmpty)
        #expect(stayed.isSubset(of: read), "orders that stayed in the window but were never read: \(stayed.subtracting(read).sorted())")
        #expect(answers.count == 6)
    }

    @Test func aContinuationTheAdapterDidNotMakeIsRefused() async throws {
        let fixture = EpinduoFixture()
        for token in ["offset=100", "page=0", "page=x", ""] {
            let error = try await #require(throws: MarketSyncError.self) {
                try await fixture.adapter.pullOrders(in: window(Self.base, Self.base + 60), after: OrderContinuation(token))
            }
            #expect(error.code == .protocolViolation)
        }
        #expect(fixture.log.all.isEmpty)
    }

    @Test func aCountingAnswerWithoutTotalCountIsAProtocolViolation() async throws {
        let body = #"{"order_sn_increment_get_response": {"has_next": false, "order_sn_list": []}}"#
        let transport = HandlerTransport { _ in WireResponse(status: 200, body: Data(body.utf8)) }
        let adapter = EpinduoFixture.adapter(transport: transport, clock: ManualClock())
        let error = try await #require(throws: MarketSyncError.self) {
            try await adapter.pullOrders(in: window(Self.base, Self.base + 60), after: nil)
        }
        #expect(error.code == .protocolViolation)
        #expect(error.key == "total_count")
    }

    @Test func windowLongerThan30MinutesIsRejectedBySandbox() async throws {
        let fixture = EpinduoFixture()
        let error = try await #require(throws: MarketSyncError.self) {
            try await fixture.adapter.pullOrders(in: window(Self.base, Self.base + 1801), after: nil)
        }
        #expect(error.code == .validation)
        #expect(error.key == "end_updated_at")
        #expect(fixture.sandbox.requestCount("pdd.order.number.list.increment.get") == 1)
    }

    @Test func emptyWindowIsAnEmptyLastPage() async throws {
        let fixture = EpinduoFixture()
        let page = try await fixture.adapter.pullOrders(in: window(Self.base, Self.base + 60), after: nil)
        #expect(page.orders.isEmpty && page.next == nil)
    }

    @Test func shipmentChangesTheSandboxOrder() async throws {
        let fixture = EpinduoFixture()
        try await seedOrders(fixture)
        fixture.clock.set(to: Date(timeIntervalSince1970: TimeInterval(Self.base + 900)))
        try await fixture.adapter.confirmShipment(Shipment(orderID: "240101-002", carrier: "115", trackingNumber: "SF1234567890"))
        let order = try #require(fixture.sandbox.state.orders["240101-002"])
        #expect(order.orderStatus == 2)
        #expect(order.trackingNumber == "SF1234567890")
        #expect(order.logisticsID == "115")
        #expect(order.updatedAt == Self.base + 900)
        #expect(fixture.sandbox.state.shipments["240101-002"]?.trackingNumber == "SF1234567890")
        #expect(fixture.log.last?.form["redelivery_type"] == "1")
        // It now lists as shipped, with its tracking number.
        let page = try await fixture.adapter.pullOrders(in: window(Self.base + 600, Self.base + 1200), after: nil)
        #expect(page.orders.map(\.id) == ["240101-002"])
        #expect(page.orders.first?.state == .shipped)
        #expect(page.orders.first?.trackingNumber == "SF1234567890")
        // A retry of the same shipment is accepted again.
        try await fixture.adapter.confirmShipment(Shipment(orderID: "240101-002", carrier: "115", trackingNumber: "SF1234567890"))
    }

    @Test func shippingAnUnknownOrderThrows() async throws {
        let fixture = EpinduoFixture()
        let error = try await #require(throws: MarketSyncError.self) {
            try await fixture.adapter.confirmShipment(Shipment(orderID: "nope", carrier: "115", trackingNumber: "SF1"))
        }
        #expect(error.code == .validation)
        #expect((error.underlying as? EpinduoErrorResponse)?.errorCode == 50001)
    }

    @Test func buyerDataIsNotRequiredAndUpdatedAtMayBeUnixSeconds() async throws {
        let body = """
        {"order_sn_increment_get_response": {"total_count": 1, "order_sn_list": [
          {"order_sn": "X1", "order_status": 1, "refund_status": 1, "confirm_status": 1, "group_status": 1,
           "updated_at": 1704067200, "pay_amount": "12.50", "receiver_phone": "13800000000",
           "item_list": [{"goods_id": 1, "sku_id": 2, "outer_id": "S", "goods_count": 1, "goods_price": 12.5}]}]}}
        """
        let transport = HandlerTransport { _ in WireResponse(status: 200, body: Data(body.utf8)) }
        let adapter = EpinduoFixture.adapter(transport: transport, clock: ManualClock())
        let page = try await adapter.pullOrders(in: window(Self.base, Self.base + 60), after: nil)
        let order = try #require(page.orders.first)
        #expect(order.updatedAt == Date(timeIntervalSince1970: 1_704_067_200))
        #expect(order.total == Money(minorUnits: 1250, currency: .cny))
        #expect(order.lines.first?.unitPrice == Money(minorUnits: 1250, currency: .cny))
        #expect(!"\(order)".contains("13800000000"))
    }

    @Test func anUnreadableOrderFailsThePage() async throws {
        let body = #"{"order_sn_increment_get_response": {"total_count": 1, "order_sn_list": [{"order_sn": "X1", "updated_at": "yesterday"}]}}"#
        let transport = HandlerTransport { _ in WireResponse(status: 200, body: Data(body.utf8)) }
        let adapter = EpinduoFixture.adapter(transport: transport, clock: ManualClock())
        let error = try await #require(throws: MarketSyncError.self) {
            try await adapter.pullOrders(in: window(Self.base, Self.base + 60), after: nil)
        }
        #expect(error.code == .protocolViolation)
        #expect(error.key == "updated_at")
    }

    struct StatusCase: Sendable, CustomTestStringConvertible {
        var order: Int?, refund: Int?, confirm: Int?, group: Int?
        var expected: OrderState
        var testDescription: String { "\(order.map(String.init) ?? "-")/\(refund.map(String.init) ?? "-")/\(confirm.map(String.init) ?? "-")/\(group.map(String.init) ?? "-") → \(expected)" }
    }

    @Test(arguments: [
        StatusCase(order: 1, refund: 1, confirm: 1, group: 1, expected: .readyToShip),
        StatusCase(order: 2, refund: 1, confirm: 1, group: 1, expected: .shipped),
        StatusCase(order: 3, refund: 1, confirm: 1, group: 1, expected: .delivered),
        StatusCase(order: 1, refund: 1, confirm: 2, group: 1, expected: .cancelled),
        StatusCase(order: 1, refund: 4, confirm: 2, group: 1, expected: .cancelled),
        StatusCase(order: 3, refund: 4, confirm: 1, group: 1, expected: .refunded),
        StatusCase(order: 2, refund: 2, confirm: 1, group: 1, expected: .returnOrRefundInProgress),
        StatusCase(order: 1, refund: 3, confirm: 1, group: 1, expected: .returnOrRefundInProgress),
        StatusCase(order: 1, refund: 1, confirm: 0, group: 1, expected: .awaitingPayment),
        StatusCase(order: 1, refund: 1, confirm: 1, group: 0, expected: .awaitingPayment),
        StatusCase(order: 1, refund: 4, confirm: 0, group: 0, expected: .refunded),
        StatusCase(order: 9, refund: 1, confirm: 1, group: 1, expected: .unknown),
        StatusCase(order: nil, refund: nil, confirm: nil, group: nil, expected: .unknown),
    ])
    func statusMapping(_ row: StatusCase) {
        let status = EpinduoOrderStatus(orderStatus: row.order, refundStatus: row.refund, confirmStatus: row.confirm, groupStatus: row.group)
        #expect(status.state == row.expected)
    }

    @Test func rawStatusListsOnlyPresentFields() {
        #expect(EpinduoOrderStatus(orderStatus: 1, refundStatus: 1, confirmStatus: 1, groupStatus: 1).rawStatus
            == "order_status=1;refund_status=1;confirm_status=1;group_status=1")
        #expect(EpinduoOrderStatus(orderStatus: 2, refundStatus: nil, confirmStatus: 1, groupStatus: nil).rawStatus
            == "order_status=2;confirm_status=1")
    }

    @Test(arguments: [
        ("2024-01-01 08:00:00", Int64(1_704_067_200)),
        ("2024-01-01 00:00:00", Int64(1_704_038_400)),
        ("2024-02-29 23:59:59", Int64(1_709_222_399)),
        ("1970-01-01 08:00:00", Int64(0)),
        ("2023-11-15 06:13:20", Int64(1_700_000_000)),
    ])
    func chinaTimeParsesAsUTCPlus8(text: String, unix: Int64) throws {
        let date = try #require(EpinduoTime.parseChinaTime(text))
        #expect(EpinduoTime.unixSeconds(date) == unix)
        #expect(EpinduoTime.chinaTimeString(unixSeconds: unix) == text)
    }

    @Test(arguments: ["2024-13-01 00:00:00", "2023-02-29 00:00:00", "2024-01-01 24:00:00", "2024-01-01", "2024/01/01 00:00:00", ""])
    func malformedChinaTimeIsNil(text: String) {
        #expect(EpinduoTime.parseChinaTime(text) == nil)
    }
}
