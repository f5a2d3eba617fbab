import Foundation
import MarketSync
import MarketSyncTesting
import Synchronization
import Testing
import Walmart
import WalmartSandbox

/// The token and the headers of every call (docs/channels.md, "Every call").
@Suite struct WalmartTokenTests {
    @Test func aTokenIsTakenOnceAndReusedUntilAMinuteBeforeItsExpiry() async throws {
        let fixture = WalmartFixture()
        _ = try await fixture.adapter.completedStock(stockUpdates(1))
        fixture.clock.advance(by: .seconds(839))
        _ = try await fixture.adapter.completedStock(stockUpdates(1))
        #expect(fixture.sandbox.requestCount("tokenAPI") == 1, "a token 61 s from expiry is reused")
        fixture.clock.advance(by: .seconds(2))
        _ = try await fixture.adapter.completedStock(stockUpdates(1))
        #expect(fixture.sandbox.requestCount("tokenAPI") == 2, "a token 59 s from expiry is replaced before the call")
        #expect(fixture.sandbox.requestCount("updateInventoryForAnItem") == 3)
        // No call was refused on the way: the refresh came before the sandbox's 900 s ran out.
        let statuses = fixture.log.all.count
        #expect(statuses == 5)
    }

    @Test func aTokenPastItsExpiryOnTheSandboxClockIsRefusedAndReplacedOnce() async throws {
        // The adapter's clock runs behind the sandbox's: it still thinks its token is good; the sandbox says 401.
        let adapterClock = ManualClock(now: Fake.start)
        let sandboxClock = ManualClock(now: Fake.start)
        let sandbox = WalmartSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, clock: sandboxClock)
        let fixture = WalmartFixture(clock: adapterClock, sandbox: sandbox)
        _ = try await fixture.adapter.completedStock(stockUpdates(1))
        sandboxClock.advance(by: .seconds(901))
        let results = try await fixture.adapter.completedStock(stockUpdates(1, base: 77))
        #expect(results.allSatisfy { $0.error == nil })
        #expect(sandbox.stock(of: "WM-0") == 77)
        let paths = fixture.log.all.map(\.url.path)
        #expect(paths == ["/v3/token", "/v3/inventory", "/v3/inventory", "/v3/token", "/v3/inventory"])
    }

    @Test func aTokenExpiredByTheSandboxMidRunIsReplacedAndTheCallRepeated() async throws {
        let fixture = WalmartFixture()
        _ = try await fixture.adapter.completedStock(stockUpdates(1))
        await fixture.admin("POST", "/_sandbox/tokens/expire")
        let results = try await fixture.adapter.completedStock(stockUpdates(2, base: 5))
        #expect(results.allSatisfy { $0.error == nil })
        #expect(fixture.sandbox.requestCount("tokenAPI") == 2)
    }

    @Test func aSecond401IsUnauthorized() async throws {
        let fixture = WalmartFixture()
        await fixture.admin("POST", "/_sandbox/faults", json: """
            {"operation": "updateInventoryForAnItem", "http_status": 401, "code": "UNAUTHORIZED", "description": "token refused", "times": 2}
            """)
        await #expect(throws: MarketSyncError.self) {
            _ = try await fixture.adapter.pushStock(stockUpdates(1))
        }
        do {
            _ = try await fixture.adapter.pushStock(stockUpdates(1))
        } catch let error as MarketSyncError {
            Issue.record("the faults were used up, the call should pass: \(error)")
        }
        // Two tokens for the two tries of the first call, none more (the second call reused the last one).
        #expect(fixture.sandbox.requestCount("tokenAPI") == 2)
        #expect(fixture.sandbox.requestCount("updateInventoryForAnItem") == 3)
    }

    @Test func aSecond401ThrowsUnauthorizedNamingTheOperation() async throws {
        let fixture = WalmartFixture()
        await fixture.admin("POST", "/_sandbox/faults", json: """
            {"operation": "updateInventoryForAnItem", "http_status": 401, "code": "UNAUTHORIZED", "description": "token refused", "times": 2}
            """)
        do {
            _ = try await fixture.adapter.pushStock(stockUpdates(1))
            Issue.record("two 401s in a row must throw")
        } catch let error as MarketSyncError {
            #expect(error.code == .unauthorized)
            #expect(error.message.contains("updateInventoryForAnItem"))
            #expect(error.channel == "walmart")
        }
    }

    @Test func wrongCredentialsAreUnauthorizedAtTheTokenCall() async throws {
        let fixture = WalmartFixture(secret: "not-the-secret")
        do {
            try await fixture.adapter.verifyAccess()
            Issue.record("wrong credentials passed")
        } catch let error as MarketSyncError {
            #expect(error.code == .unauthorized)
            #expect(error.message.contains("tokenAPI"))
            #expect(!error.message.contains("not-the-secret"))
        }
        #expect(fixture.sandbox.requestCount("getTokenDetail") == 0)
    }

    @Test func aTokenCallRefusedWith400IsUnauthorizedNotAnItemsFault() async throws {
        let fixture = WalmartFixture()
        await fixture.admin("POST", "/_sandbox/faults", json: """
            {"operation": "tokenAPI", "http_status": 400, "code": "INVALID_REQUEST_PARAM", "field": "grant_type", "description": "bad grant"}
            """)
        do {
            _ = try await fixture.adapter.pushStock(stockUpdates(1))
            Issue.record("a refused token call must throw, not fail the item")
        } catch let error as MarketSyncError {
            #expect(error.code == .unauthorized)
            #expect(error.message.contains("tokenAPI"))
        }
    }

    @Test func verifyAccessTakesATokenAndReadsItsDetails() async throws {
        let fixture = WalmartFixture()
        try await fixture.adapter.verifyAccess()
        #expect(fixture.log.all.map(\.url.path) == ["/v3/token", "/v3/token/detail"])
        #expect(fixture.sandbox.requestCount("updateInventoryForAnItem") == 0)
    }

    @Test func everyRequestCarriesANewCorrelationIDAndTheRequiredHeaders() async throws {
        let fixture = WalmartFixture()
        _ = try await fixture.adapter.completedStock(stockUpdates(3))
        try await fixture.adapter.verifyAccess()
        let requests = fixture.log.all
        #expect(requests.count == 5)
        let ids = requests.compactMap { $0.header("WM_QOS.CORRELATION_ID") }
        #expect(ids.count == requests.count)
        #expect(Set(ids).count == ids.count, "correlation ids repeat: \(ids)")
        #expect(ids.allSatisfy { UUID(uuidString: $0) != nil })
        for request in requests {
            #expect(request.header("WM_SVC.NAME") == "Walmart Marketplace")
            #expect(request.header("Accept") == "application/json")
        }
        let token = try #require(requests.first)
        #expect(token.header("Authorization") == "Basic " + Data("\(Fake.clientID):\(Fake.secret)".utf8).base64EncodedString())
        #expect(token.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(String(decoding: token.body, as: UTF8.self) == "grant_type=client_credentials")
        #expect(token.header("WM_SEC.ACCESS_TOKEN") == nil)
        for call in requests.dropFirst() {
            #expect(call.header("WM_SEC.ACCESS_TOKEN")?.hasPrefix("wm-sandbox-token-") == true)
            #expect(call.header("Authorization") == nil)
        }
    }

    @Test func theSandboxRefusesACallWithoutCorrelationIDOrServiceName() async throws {
        let fixture = WalmartFixture()
        try await fixture.adapter.verifyAccess()
        let token = try #require(fixture.log.last?.header("WM_SEC.ACCESS_TOKEN"))
        func call(_ headers: [HeaderField]) async -> (Int, String) {
            let response = await fixture.sandbox.handle(WireRequest(method: "GET", url: URL(string: "http://127.0.0.1/v3/token/detail") ?? Fake.endpoint,
                                                                    headers: headers))
            return (response.status, String(decoding: response.body, as: UTF8.self))
        }
        let all = [HeaderField("WM_SEC.ACCESS_TOKEN", token), HeaderField("WM_QOS.CORRELATION_ID", "c-1"),
                   HeaderField("WM_SVC.NAME", "Walmart Marketplace"), HeaderField("Accept", "application/json")]
        #expect(await call(all).0 == 200)
        let noCorrelation = await call(all.filter { $0.name != "WM_QOS.CORRELATION_ID" })
        #expect(noCorrelation.0 == 400 && noCorrelation.1.contains("INVALID_REQUEST_HEADER"))
        let noService = await call(all.filter { $0.name != "WM_SVC.NAME" })
        #expect(noService.0 == 400 && noService.1.contains("MISSING_REQUEST_HEADER"))
        let noToken = await call(all.filter { $0.name != "WM_SEC.ACCESS_TOKEN" })
        #expect(noToken.0 == 401 && noToken.1.contains("UNAUTHORIZED"))
        fixture.clock.advance(by: .seconds(900))
        #expect(await call(all).0 == 401, "a token is good for 900 s of the sandbox's clock, no more")
    }
}
