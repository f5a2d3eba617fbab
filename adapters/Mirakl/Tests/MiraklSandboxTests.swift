import Foundation
import MarketSync
import MarketSyncTesting
import Mirakl
import MiraklSandbox
import Testing

/// The sandbox itself: what it must imitate (docs/channels.md, "What a local sandbox must imitate").
@Suite struct MiraklSandboxTests {
    func call(_ fixture: MiraklFixture, _ method: String, _ path: String, query: String = "", body: String = "",
              key: String = Fake.key) async -> WireResponse {
        let url = URL(string: "\(Fake.base.absoluteString)\(path)\(query.isEmpty ? "" : "?\(query)")") ?? Fake.base
        return await fixture.sandbox.handle(WireRequest(method: method, url: url, headers: [HeaderField("Authorization", key)],
                                                        body: Data(body.utf8)))
    }

    @Test func theKeyIsCheckedRawAndAnImportWalksItsStatesAsTheClockMoves() async throws {
        let fixture = MiraklFixture()
        #expect(await call(fixture, "GET", "/api/offers", key: "Bearer \(Fake.key)").status == 401)
        let created = await call(fixture, "POST", "/api/offers", body: #"{"offers": [{"shop_sku": "A", "product_id": "A", "product_id_type": "SHOP_SKU", "state_code": "11", "quantity": 3, "price": 2.5}]}"#)
        #expect(created.status == 201)
        var statuses: [String] = []
        for _ in 0..<4 {
            let answer = await call(fixture, "GET", "/api/offers/imports/1001")
            statuses.append(((try? JSONSerialization.jsonObject(with: answer.body)) as? [String: Any])?["status"] as? String ?? "?")
            fixture.clock.advance(by: .seconds(10))
        }
        #expect(statuses == ["WAITING", "RUNNING", "RUNNING", "COMPLETE"])
        #expect(await call(fixture, "GET", "/api/offers/imports/1001/error_report").status == 404)
        #expect(await call(fixture, "GET", "/api/offers/imports/999").status == 404)
    }

    @Test func ordersAreListedWithADeliberateDeltaAndALinkToTheNextPage() async throws {
        let fixture = MiraklFixture()
        let now = Int(Fake.start.timeIntervalSince1970)
        try await fixture.admin("POST", "/_sandbox/orders", MiraklOrderTests.orders(["N-1", "N-2", "N-3"], createdFrom: now - 1000))
        // N-1 was last updated 1000 s ago, N-2 940 s ago: a start 950 s ago still lists both (the delta is 300 s).
        let start = MiraklTime.string(Fake.start.addingTimeInterval(-950))
        let answer = await call(fixture, "GET", "/api/orders", query: "start_update_date=\(start)&max=2")
        let object = try #require((try JSONSerialization.jsonObject(with: answer.body)) as? [String: Any])
        #expect(object["total_count"] as? Int == 3)
        #expect((object["orders"] as? [[String: Any]])?.map { $0["order_id"] as? String } == ["N-1", "N-2"])
        #expect(answer.header("Link")?.contains("offset=2") == true)
        #expect(answer.header("Link")?.contains("rel=\"next\"") == true)
        try await fixture.admin("POST", "/_sandbox/settings", #"{"order_delta_seconds": 0}"#)
        let strict = await call(fixture, "GET", "/api/orders", query: "start_update_date=\(start)")
        #expect((try JSONSerialization.jsonObject(with: strict.body) as? [String: Any])?["total_count"] as? Int == 2)
    }

    @Test func theWorldSurvivesARestartThroughItsStateFile() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mirakl-sandbox-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let fixture = MiraklFixture(stateFile: file)
        try await fixture.admin("POST", "/_sandbox/offers", #"[{"shop_sku": "YUG-PC-050", "price": 12.5, "quantity": 7}]"#)
        try await fixture.admin("POST", "/_sandbox/orders", #"[{"order_id": "P-1", "order_lines": [{"offer_sku": "YUG-PC-050", "quantity": 1}]}]"#)
        let again = MiraklSandbox(apiKey: Fake.key, clock: fixture.clock, stateFile: file)
        #expect(again.stateFileProblem == nil)
        let answer = await again.handle(WireRequest(method: "GET", url: Fake.base.appendingPathComponent("/api/orders"),
                                                    headers: [HeaderField("Authorization", Fake.key)]))
        #expect((try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["total_count"] as? Int == 1)
    }

    @Test func theOrderLifeCycleRefusesCallsInTheWrongState() async throws {
        let fixture = MiraklFixture()
        try await fixture.admin("POST", "/_sandbox/orders", #"[{"order_id": "Q-1", "order_lines": [{"offer_sku": "A", "quantity": 1}]}]"#)
        #expect(await call(fixture, "PUT", "/api/orders/Q-1/ship").status == 400)
        #expect(await call(fixture, "PUT", "/api/orders/Q-1/accept", body: #"{"order_lines": [{"id": "Q-1-1", "accepted": true}]}"#).status == 204)
        #expect(await call(fixture, "PUT", "/api/orders/Q-1/ship").status == 400)
        try await fixture.admin("POST", "/_sandbox/orders/debit", #"{"order_id": "Q-1"}"#)
        #expect(await call(fixture, "PUT", "/api/orders/Q-1/tracking", body: #"{"carrier_code": "UPS", "tracking_number": "1Z"}"#).status == 204)
        #expect(await call(fixture, "PUT", "/api/orders/Q-1/ship").status == 204)
        #expect(try await fixture.order("Q-1")?["state"] as? String == "SHIPPED")
        #expect(await call(fixture, "PUT", "/api/orders/Q-1/cancel").status == 400)
        #expect(await call(fixture, "PUT", "/api/orders/refund", body: #"{"refunds": [{"order_line_id": "Q-1-1", "amount": 1.5}]}"#).status == 200)
        let refunds = ((try await fixture.order("Q-1"))?["lines"] as? [[String: Any]])?.first?["refunds"] as? [[String: Any]]
        #expect(refunds?.first?["state"] as? String == "WAITING_REFUND")
    }
}
