@testable import Epinduo
@testable import EpinduoSandbox
import Foundation
import MarketSync
import MarketSyncTesting
import Testing
import MarketSyncSandbox

/// The sandbox's rate limit (a token bucket on its clock's wall time) and its history of accepted values.
@Suite("Epinduo sandbox: rate limit and history")
struct EpinduoSandboxLimitTests {
    /// A signed stock call for listing `1:2`.
    func stockCall(_ quantity: Int64, listing: (goods: String, sku: String) = ("1", "2")) throws -> WireRequest {
        var fields = [
            "client_id": Fake.clientID, "access_token": Fake.token, "timestamp": "1700000000", "data_type": "JSON",
            "type": "pdd.goods.quantity.update", "goods_id": listing.goods, "sku_id": listing.sku, "quantity": String(quantity),
        ]
        fields["sign"] = EpinduoSigner(secret: Fake.secret).sign(fields)
        return WireRequest(method: "POST", url: try #require(URL(string: "http://127.0.0.1:8931/api/router")),
                           headers: [HeaderField("Content-Type", EpinduoForm.contentType)], body: EpinduoForm.encode(fields))
    }

    func errorCode(_ response: WireResponse) -> Int? {
        let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        return ((object?["error_response"] as? [String: Any])?["error_code"] as? NSNumber)?.intValue
    }

    func retryAfter(_ response: WireResponse) -> String? {
        response.headers.first { $0.name.lowercased() == "retry-after" }?.value
    }

    @Test func bucketServesTheBurstThenRefillsAtTheRate() {
        var bucket = SandboxThrottle(limit: RateLimit(requestsPerSecond: 2, burst: 3))
        let start = 1_700_000_000.0
        #expect((0..<3).map { _ in bucket.take(atUnixSeconds: start) } == Array(repeating: .allowed, count: 3))
        #expect(bucket.take(atUnixSeconds: start) == .throttled(retryAfterSeconds: 1))
        #expect(bucket.take(atUnixSeconds: start + 0.5) == .allowed)
        #expect(bucket.take(atUnixSeconds: start + 0.5) == .throttled(retryAfterSeconds: 1))
        // A long pause fills the bucket to the burst, no further.
        #expect((0..<3).map { _ in bucket.take(atUnixSeconds: start + 100) } == Array(repeating: .allowed, count: 3))
        #expect(bucket.take(atUnixSeconds: start + 100) == .throttled(retryAfterSeconds: 1))
        // Time running backwards neither adds nor removes tokens.
        #expect(bucket.take(atUnixSeconds: start + 99) == .throttled(retryAfterSeconds: 1))
        // Ten 0.1 s steps at 10/s make exactly one token each, despite rounding.
        var fast = SandboxThrottle(limit: RateLimit(requestsPerSecond: 10, burst: 1))
        #expect(fast.take(atUnixSeconds: start) == .allowed)
        for step in 1...10 {
            #expect(fast.take(atUnixSeconds: start + Double(step) / 10) == .allowed)
        }
    }

    @Test(arguments: [
        // (rate, seconds since the only token was taken, Retry-After expected): the wait rounded up, at least 1.
        (0.25, 0.0, 4), (0.25, 1.0, 3), (0.25, 1.5, 3), (0.25, 3.9, 1), (5.0, 0.0, 1), (0.5, 0.0, 2),
    ])
    func retryAfterIsTheWaitRoundedUp(rate: Double, elapsed: Double, expected: Int) {
        var bucket = SandboxThrottle(limit: RateLimit(requestsPerSecond: rate, burst: 1))
        #expect(bucket.take(atUnixSeconds: 0) == .allowed)
        #expect(bucket.take(atUnixSeconds: elapsed) == .throttled(retryAfterSeconds: expected))
    }

    @Test func routerThrottlesOverTheLimitWith70031AndRetryAfter() async throws {
        let fixture = EpinduoFixture(rateLimit: RateLimit(requestsPerSecond: 0.5, burst: 2))
        for quantity in [1, 2] as [Int64] {
            let response = await fixture.sandbox.handle(try stockCall(quantity))
            #expect(response.status == 200 && errorCode(response) == nil)
        }
        let throttled = await fixture.sandbox.handle(try stockCall(3))
        #expect(throttled.status == 200)
        #expect(errorCode(throttled) == 70031)
        #expect(retryAfter(throttled) == "2")
        #expect(String(decoding: throttled.body, as: UTF8.self).contains("call too frequent"))
        var state = fixture.sandbox.state
        #expect(state.stock["1:2"]?.quantity == 2)
        #expect(state.throttled == 1)
        #expect(state.requestCounts["pdd.goods.quantity.update"] == 3)

        fixture.clock.advance(by: .seconds(1))
        #expect(retryAfter(await fixture.sandbox.handle(try stockCall(4))) == "1")
        fixture.clock.advance(by: .seconds(1))
        #expect(errorCode(await fixture.sandbox.handle(try stockCall(5))) == nil)
        state = fixture.sandbox.state
        #expect(state.stock["1:2"]?.quantity == 5)
        #expect(state.throttled == 2)
        #expect(fixture.sandbox.history.stock["1:2"] == [1, 2, 5])
    }

    @Test func adapterSeesTheThrottleAsRateLimited() async throws {
        let fixture = EpinduoFixture(rateLimit: RateLimit(requestsPerSecond: 1, burst: 1))
        _ = try await fixture.adapter.completedStock([StockUpdate(sku: "JAM-1", listing: "500:1", quantity: 10)])
        do {
            _ = try await fixture.adapter.completedStock([StockUpdate(sku: "JAM-1", listing: "500:1", quantity: 11)])
            Issue.record("the second call within the second should be throttled")
        } catch let error as MarketSyncError {
            #expect(error.code == .rateLimited)
            #expect(error.isRetryable)
        }
        fixture.clock.advance(by: .seconds(1))
        let results = try await fixture.adapter.completedStock([StockUpdate(sku: "JAM-1", listing: "500:1", quantity: 11)])
        #expect(results.allSatisfy { $0.error == nil })
        #expect(fixture.sandbox.state.stock["500:1"]?.quantity == 11)
    }

    @Test func rateLimitAdminEndpoint() async throws {
        let fixture = EpinduoFixture()
        #expect(fixture.sandbox.rateLimit == nil)
        let set = await fixture.admin("POST", "/_sandbox/rate_limit", json: #"{"per_second": 1.5}"#)
        #expect(set.status == 200)
        #expect(fixture.sandbox.rateLimit == RateLimit(requestsPerSecond: 1.5, burst: 2))
        _ = await fixture.admin("POST", "/_sandbox/rate_limit", json: #"{"per_second": 1, "burst": 1}"#)
        #expect(errorCode(await fixture.sandbox.handle(try stockCall(1))) == nil)
        #expect(errorCode(await fixture.sandbox.handle(try stockCall(2))) == 70031)
        let shown = try JSONSerialization.jsonObject(with: await fixture.admin("GET", "/_sandbox/rate_limit").body) as? [String: Any]
        #expect((shown?["burst"] as? NSNumber)?.intValue == 1)
        #expect(await fixture.admin("DELETE", "/_sandbox/rate_limit").status == 200)
        #expect(fixture.sandbox.rateLimit == nil)
        #expect(errorCode(await fixture.sandbox.handle(try stockCall(3))) == nil)
        for bad in [#"{}"#, #"{"per_second": 0}"#, #"{"per_second": 2, "burst": 0}"#, #"{"per_second": "fast"}"#] {
            #expect(await fixture.admin("POST", "/_sandbox/rate_limit", json: bad).status == 400)
        }
        #expect(await fixture.admin("PUT", "/_sandbox/rate_limit").status == 405)
    }

    @Test func historyKeepsEveryAcceptedValueInOrder() async throws {
        let fixture = EpinduoFixture()
        for quantity in [10, 7, 7, 12] as [Int64] {
            _ = try await fixture.adapter.completedStock([StockUpdate(sku: "JAM-1", listing: "500:1", quantity: quantity)])
        }
        _ = try await fixture.adapter.completedStock([StockUpdate(sku: "FISH-1", listing: "600:7", quantity: 4)])
        _ = try await fixture.adapter.completedPrices([
            PriceUpdate(sku: "JAM-1", listing: "500:1", price: Money(minorUnits: 3990, currency: .cny)),
            PriceUpdate(sku: "FISH-1", listing: "600:7", price: Money(minorUnits: 15800, currency: .cny)),
        ])
        _ = try await fixture.adapter.completedPrices([PriceUpdate(sku: "JAM-1", listing: "500:1", price: Money(minorUnits: 3500, currency: .cny))])
        // Rejected calls leave no trace: a fault, and a negative quantity.
        fixture.sandbox.addFaults([EpinduoSandboxFault(type: "pdd.goods.quantity.update", errorCode: 10000, errorMessage: "no")])
        _ = try await fixture.adapter.completedStock([StockUpdate(sku: "JAM-1", listing: "500:1", quantity: 99)])
        _ = await fixture.sandbox.handle(try stockCall(-1, listing: ("500", "1")))

        let history = fixture.sandbox.history
        #expect(history.stock == ["500:1": [10, 7, 7, 12], "600:7": [4]])
        #expect(history.prices == ["500:1": [3990, 3500], "600:7": [15800]])

        let response = await fixture.admin("GET", "/_sandbox/history")
        #expect(response.status == 200)
        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        #expect((object["stock"] as? [String: [Int]])?["500:1"] == [10, 7, 7, 12])
        #expect((object["prices"] as? [String: [Int]])?["600:7"] == [15800])
        #expect(try JSONDecoder().decode(EpinduoSandboxHistory.self, from: response.body) == history)

        fixture.sandbox.reset()
        #expect(fixture.sandbox.history == EpinduoSandboxHistory())
    }

    @Test func historyStaysOutOfTheStateFileAndThrottledCountSurvivesIt() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("epinduo-limit-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let fixture = EpinduoFixture(stateFile: file, rateLimit: RateLimit(requestsPerSecond: 1, burst: 1))
        _ = await fixture.sandbox.handle(try stockCall(1))
        _ = await fixture.sandbox.handle(try stockCall(2))
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(!text.contains("history"))
        let reopened = EpinduoFixture(stateFile: file)
        #expect(reopened.sandbox.state.throttled == 1)
        #expect(reopened.sandbox.state.stock["1:2"]?.quantity == 1)
        #expect(reopened.sandbox.history == EpinduoSandboxHistory())
    }
}
