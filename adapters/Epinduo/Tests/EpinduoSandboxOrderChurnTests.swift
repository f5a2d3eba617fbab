@testable import Epinduo
@testable import EpinduoSandbox
import Foundation
import MarketSync
import MarketSyncTesting
import Testing

/// The sandbox's order churn: orders updated between the page reads of one listing, read with raw router calls
/// (no adapter), to show what each paging direction makes of it.
@Suite("Epinduo sandbox: orders changing during a listing")
struct EpinduoSandboxOrderChurnTests {
    /// 2024-01-01T00:00:00Z.
    static let base: Int64 = 1_704_067_200
    static let orderList = "pdd.order.number.list.increment.get"

    /// Seven orders in `[base, base + 1800]`, a minute apart: `O1` the oldest, `O7` the newest.
    func sandboxWithSevenOrders() -> EpinduoSandbox {
        let sandbox = EpinduoSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, accessToken: Fake.token,
                                     clock: ManualClock(now: Fake.start))
        sandbox.upsertOrders((1...7).map { index in
            EpinduoSandboxOrder(orderSN: "O\(index)", updatedAt: Self.base + Int64(index) * 60,
                                items: [.init(goodsID: "1", skuID: "2", outerID: "S", goodsCount: 1, goodsPriceFen: 100)])
        })
        return sandbox
    }

    /// One page of the window: the order numbers listed, and `total_count` or `has_next`.
    func listPage(_ sandbox: EpinduoSandbox, page: Int, useHasNext: Bool) async throws -> (orders: [String], total: Int?, hasNext: Bool?) {
        var fields = [
            "client_id": Fake.clientID, "access_token": Fake.token, "timestamp": "1700000000", "data_type": "JSON",
            "type": Self.orderList, "start_updated_at": String(Self.base), "end_updated_at": String(Self.base + 1800),
            "page": String(page), "page_size": "2", "order_status": "5", "refund_status": "5",
        ]
        if useHasNext { fields["use_has_next"] = "true" }
        fields["sign"] = EpinduoSigner(secret: Fake.secret).sign(fields)
        let response = await sandbox.handle(WireRequest(
            method: "POST", url: try #require(URL(string: "http://127.0.0.1:8931/api/router")),
            headers: [HeaderField("Content-Type", EpinduoForm.contentType)], body: EpinduoForm.encode(fields)))
        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        let payload = try #require(object["order_sn_increment_get_response"] as? [String: Any])
        let list = try #require(payload["order_sn_list"] as? [[String: Any]])
        return (list.compactMap { $0["order_sn"] as? String }, (payload["total_count"] as? NSNumber)?.intValue,
                (payload["has_next"] as? Bool))
    }

    /// Orders still in the window once the listing is over: every one of them should have been listed.
    func stillInWindow(_ sandbox: EpinduoSandbox) -> Set<String> {
        Set(sandbox.state.orders.values.filter { $0.updatedAt <= Self.base + 1800 }.map(\.orderSN))
    }

    @Test func listsNewestFirstWithTotalCountOrHasNext() async throws {
        let sandbox = sandboxWithSevenOrders()
        let counted = try await listPage(sandbox, page: 1, useHasNext: false)
        #expect(counted.orders == ["O7", "O6"])
        #expect(counted.total == 7 && counted.hasNext == nil)
        let last = try await listPage(sandbox, page: 4, useHasNext: true)
        #expect(last.orders == ["O1"])
        #expect(last.total == nil && last.hasNext == false)
    }

    @Test func pagingForwardWhileOrdersChangeSkipsAnOrder() async throws {
        let sandbox = sandboxWithSevenOrders()
        sandbox.setOrderChurn(EpinduoSandboxOrderChurn(ordersPerRead: 1))
        var listed: Set<String> = []
        var page = 1
        while true {
            let answer = try await listPage(sandbox, page: page, useHasNext: true)
            listed.formUnion(answer.orders)
            guard answer.hasNext == true else { break }
            page += 1
        }
        // Page 1 gives O7, O6; O7 changes and leaves, O5 slides onto page 1 (read). Page 2 gives O4, O3; O6 leaves,
        // O2 slides onto page 2 (read). Page 3 gives O1. O2 stayed in the window and was never listed.
        #expect(stillInWindow(sandbox).subtracting(listed) == ["O2"], "forward paging skips an order that stayed in the window")
    }

    @Test func pagingBackwardWhileOrdersChangeSkipsNothing() async throws {
        let sandbox = sandboxWithSevenOrders()
        sandbox.setOrderChurn(EpinduoSandboxOrderChurn(ordersPerRead: 1))
        let probe = try await listPage(sandbox, page: 1, useHasNext: false)
        let total = try #require(probe.total)
        var listed: Set<String> = []
        for page in stride(from: (total + 1) / 2, through: 1, by: -1) {
            listed.formUnion(try await listPage(sandbox, page: page, useHasNext: true).orders)
        }
        // Orders that left moved behind the window's end (the next window reads them); the rest were all listed.
        #expect(stillInWindow(sandbox).isSubset(of: listed))
        #expect(sandbox.state.orders.values.filter { $0.updatedAt > Self.base + 1800 }.count == 5)
    }

    @Test func churnStopsAfterItsReadsAndTheAdminEndpointsDriveIt() async throws {
        let fixture = EpinduoFixture()
        let armed = await fixture.admin("POST", "/_sandbox/order_churn", json: #"{"orders_per_read": 2, "times": 1}"#)
        #expect(armed.status == 200)
        #expect(fixture.sandbox.state.orderChurn == EpinduoSandboxOrderChurn(ordersPerRead: 2, times: 1))
        #expect(await fixture.admin("POST", "/_sandbox/order_churn", json: #"{"orders_per_read": 0}"#).status == 400)
        let sandbox = sandboxWithSevenOrders()
        sandbox.setOrderChurn(EpinduoSandboxOrderChurn(ordersPerRead: 2, times: 1))
        _ = try await listPage(sandbox, page: 1, useHasNext: false)
        #expect(sandbox.state.orderChurn == nil)
        #expect(stillInWindow(sandbox) == ["O1", "O2", "O3", "O4", "O5"])
        _ = try await listPage(sandbox, page: 1, useHasNext: false)
        #expect(stillInWindow(sandbox).count == 5)
        #expect(await fixture.admin("DELETE", "/_sandbox/order_churn").status == 200)
        #expect(fixture.sandbox.state.orderChurn == nil)
    }
}
