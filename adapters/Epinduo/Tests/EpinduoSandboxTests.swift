@testable import Epinduo
@testable import EpinduoSandbox
import Foundation
import MarketSync
import MarketSyncTesting
import Testing

@Suite("Epinduo sandbox")
struct EpinduoSandboxTests {
    func routerRequest(_ fields: [String: String], secret: String = Fake.secret) throws -> WireRequest {
        var fields = fields
        fields["sign"] = EpinduoSigner(secret: secret).sign(fields)
        return WireRequest(method: "POST", url: try #require(URL(string: "http://127.0.0.1:8931/api/router")),
                           headers: [HeaderField("Content-Type", EpinduoForm.contentType)], body: EpinduoForm.encode(fields))
    }

    func errorCode(_ response: WireResponse) -> Int? {
        let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        return ((object?["error_response"] as? [String: Any])?["error_code"] as? NSNumber)?.intValue
    }

    var common: [String: String] {
        ["client_id": Fake.clientID, "access_token": Fake.token, "timestamp": "1700000000", "data_type": "JSON"]
    }

    @Test func rejectsWrongSecretTamperingAndUnknownType() async throws {
        let fixture = EpinduoFixture()
        var fields = common
        fields["type"] = "pdd.goods.quantity.update"
        fields.merge(["goods_id": "1", "sku_id": "2", "quantity": "3"]) { $1 }
        #expect(errorCode(await fixture.sandbox.handle(try routerRequest(fields, secret: "wrong"))) == 10019)
        var tampered = try routerRequest(fields)
        tampered.body = Data(String(decoding: tampered.body, as: UTF8.self).replacingOccurrences(of: "quantity=3", with: "quantity=9").utf8)
        #expect(errorCode(await fixture.sandbox.handle(tampered)) == 10019)
        var noTimestamp = fields
        noTimestamp["timestamp"] = nil
        #expect(errorCode(await fixture.sandbox.handle(try routerRequest(noTimestamp))) == 10000)
        var badClient = fields
        badClient["client_id"] = "someone-else"
        #expect(errorCode(await fixture.sandbox.handle(try routerRequest(badClient))) == 10016)
        var unknown = fields
        unknown["type"] = "pdd.goods.delete"
        #expect(errorCode(await fixture.sandbox.handle(try routerRequest(unknown))) == 10002)
        #expect(fixture.sandbox.state.stock.isEmpty)
        let good = await fixture.sandbox.handle(try routerRequest(fields))
        #expect(good.status == 200 && errorCode(good) == nil)
        #expect(fixture.sandbox.state.stock["1:2"]?.quantity == 3)
        #expect(fixture.sandbox.requestCount("pdd.goods.quantity.update") == 5)
    }

    @Test func adminEndpoints() async throws {
        let fixture = EpinduoFixture()
        _ = try await fixture.adapter.completedStock([StockUpdate(sku: "JAM-1", listing: "500:1", quantity: 10)])
        _ = try await fixture.adapter.completedStock([StockUpdate(sku: "FISH-1", listing: "600:7", quantity: 4)])
        let random = await fixture.admin("POST", "/_sandbox/orders/random", json: #"{"count": 5, "updated_at": 1704067200, "seed": 42}"#)
        #expect(random.status == 200)
        let orders = fixture.sandbox.state.orders
        #expect(orders.count == 5)
        #expect(orders.values.allSatisfy { $0.items.count == 1 && (1...3).contains($0.items[0].goodsCount) })
        #expect(orders.values.allSatisfy { ["JAM-1", "FISH-1"].contains($0.items[0].outerID) && $0.updatedAt == 1_704_067_200 })

        // The same seed and stock give the same orders.
        let other = EpinduoFixture()
        _ = try await other.adapter.completedStock([StockUpdate(sku: "JAM-1", listing: "500:1", quantity: 10)])
        _ = try await other.adapter.completedStock([StockUpdate(sku: "FISH-1", listing: "600:7", quantity: 4)])
        _ = await other.admin("POST", "/_sandbox/orders/random", json: #"{"count": 5, "updated_at": 1704067200, "seed": 42}"#)
        #expect(other.sandbox.state.orders == orders)

        let faults = await fixture.admin("POST", "/_sandbox/faults",
                                         json: #"[{"type": "pdd.goods.quantity.update", "sku_id": 7, "error_code": 70031, "error_msg": "too frequent", "times": 2}]"#)
        #expect(faults.status == 200)
        #expect(fixture.sandbox.state.faults.first?.skuID == "7")

        let state = await fixture.admin("GET", "/_sandbox/state")
        let object = try #require(try JSONSerialization.jsonObject(with: state.body) as? [String: Any])
        #expect((object["request_counts"] as? [String: Any])?["pdd.goods.quantity.update"] as? NSNumber == 2)
        #expect(((object["stock"] as? [String: Any])?["500:1"] as? [String: Any])?["quantity"] as? NSNumber == 10)
        #expect((object["orders"] as? [String: Any])?.count == 5)

        #expect(await fixture.admin("POST", "/_sandbox/orders", json: #"[{"order_sn": "A"}]"#).status == 400)
        #expect(await fixture.admin("GET", "/_sandbox/nothing").status == 404)
        #expect(await fixture.admin("POST", "/_sandbox/reset").status == 200)
        #expect(fixture.sandbox.state == EpinduoSandboxState())
    }

    @Test func stateFileSurvivesARestart() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("epinduo-sandbox-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let first = EpinduoFixture(stateFile: file)
        _ = try await first.adapter.completedStock([StockUpdate(sku: "JAM-1", listing: "500:1", quantity: 12)])
        #expect(first.sandbox.stateFileProblem == nil)
        let restarted = EpinduoSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, accessToken: Fake.token,
                                       clock: ManualClock(), stateFile: file)
        #expect(restarted.state.stock["500:1"]?.quantity == 12)
        #expect(restarted.requestCount("pdd.goods.quantity.update") == 1)
        #expect(restarted.stateFileProblem == nil)
    }

    @Test func manyStockUpdatesStayFast() async throws {
        let fixture = EpinduoFixture()
        let started = ContinuousClock.now
        for index in 0..<2000 {
            _ = try await fixture.adapter.completedStock([StockUpdate(sku: SKU("S\(index % 50)"), listing: "9:\(index % 50)", quantity: Int64(index))])
        }
        #expect(fixture.sandbox.state.stock.count == 50)
        #expect(fixture.sandbox.requestCount("pdd.goods.quantity.update") == 2000)
        // A loose bound: a debug build does this in well under a second.
        #expect(ContinuousClock.now - started < .seconds(20))
    }
}

@Suite("ManualClock")
struct ManualClockTests {
    @Test func sleepResumesOnlyAfterAdvance() async throws {
        let clock = ManualClock(now: Fake.start)
        async let slept: Void = clock.sleep(for: .seconds(10))
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(9))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(1))
        try await slept
        #expect(clock.sleeperCount == 0)
        #expect(clock.now() == Fake.start.addingTimeInterval(10))
    }

    @Test func sleepHonoursCancellation() async throws {
        let clock = ManualClock()
        let task = Task { try await clock.sleep(for: .seconds(60)) }
        await clock.waitForSleepers(count: 1)
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(clock.sleeperCount == 0)
        let cancelledFirst = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await clock.sleep(for: .seconds(1))
        }
        await #expect(throws: CancellationError.self) { try await cancelledFirst.value }
    }
}

@Suite("Epinduo sandbox: garbled answers")
struct EpinduoSandboxGarbleTests {
    func stockCall(sku: String, quantity: Int) throws -> WireRequest {
        var fields = ["client_id": Fake.clientID, "access_token": Fake.token, "timestamp": "1700000000", "data_type": "JSON",
                      "type": "pdd.goods.quantity.update", "goods_id": "1", "sku_id": sku, "quantity": String(quantity)]
        fields["sign"] = EpinduoSigner(secret: Fake.secret).sign(fields)
        return WireRequest(method: "POST", url: try #require(URL(string: "http://127.0.0.1:8931/api/router")),
                           headers: [HeaderField("Content-Type", EpinduoForm.contentType)], body: EpinduoForm.encode(fields))
    }

    @Test func anHTMLPageChangesNothingATruncatedAnswerTookEffect() async throws {
        let fixture = EpinduoFixture()
        let armed = await fixture.admin("POST", "/_sandbox/faults", json: """
            [{"type": "pdd.goods.quantity.update", "sku_id": 2, "garble": "html"},
             {"type": "pdd.goods.quantity.update", "sku_id": 3, "garble": "truncated"}]
            """)
        #expect(armed.status == 200)

        let page = await fixture.sandbox.handle(try stockCall(sku: "2", quantity: 5))
        #expect(page.status == 200 && page.header("Content-Type") == "text/html")
        #expect(String(decoding: page.body, as: UTF8.self).contains("502 Bad Gateway"))
        #expect(fixture.sandbox.state.stock["1:2"] == nil)

        let cut = await fixture.sandbox.handle(try stockCall(sku: "3", quantity: 7))
        #expect(cut.status == 200)
        #expect((try? JSONSerialization.jsonObject(with: cut.body)) == nil)
        #expect(String(decoding: cut.body, as: UTF8.self) == "{\"goods_quantity_update_res")
        #expect(fixture.sandbox.state.stock["1:3"]?.quantity == 7)
        #expect(fixture.sandbox.state.faults.isEmpty)
        // Used up: the next calls are answered normally.
        let again = await fixture.sandbox.handle(try stockCall(sku: "2", quantity: 5))
        #expect((try? JSONSerialization.jsonObject(with: again.body)) != nil)
        #expect(fixture.sandbox.state.stock["1:2"]?.quantity == 5)
    }
}
