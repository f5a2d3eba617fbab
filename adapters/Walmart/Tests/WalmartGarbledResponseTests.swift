import Foundation
import Logging
import MarketSync
import MarketSyncTesting
import Testing
import Walmart
import WalmartSandbox

/// Answers that are not what Walmart's documents say: a gateway's HTML page, an answer cut off, missing fields, wrong
/// types. Each is an error naming the channel, the operation and a short excerpt; none becomes a stored value.
@Suite struct WalmartGarbledResponseTests {
    var window: OrderWindow { OrderWindow(start: Fake.start.addingTimeInterval(-3600), end: Fake.start.addingTimeInterval(-120)) }

    @Test func aGatewaysHTMLPageIsARetryableGarbledAnswerNamingTheOperation() async throws {
        let fixture = WalmartFixture()
        await fixture.admin("POST", "/_sandbox/faults", json: #"{"operation": "updateInventoryForAnItem", "kind": "html"}"#)
        let results = try await fixture.adapter.completedStock(stockUpdates(2))
        let error = try #require(results[0].error)
        #expect(error.code == .garbledResponse && error.isRetryable)
        #expect(error.message.contains("walmart updateInventoryForAnItem"))
        #expect(error.message.contains("502 Bad Gateway"))
        #expect(results[1].error?.code == .garbledResponse, "the rest is not sent after a garbled answer")
        #expect(fixture.sandbox.stock(of: "WM-0") == nil, "the page came from the gateway, nothing was set")
    }

    @Test func aTruncatedAnswerIsGarbledEvenThoughTheCallWasServed() async throws {
        let fixture = WalmartFixture()
        await fixture.admin("POST", "/_sandbox/faults", json: #"{"operation": "updateInventoryForAnItem", "kind": "truncated"}"#)
        let results = try await fixture.adapter.completedStock(stockUpdates(1))
        #expect(results[0].error?.code == .garbledResponse)
        #expect(fixture.sandbox.stock(of: "WM-0") == 10, "a full overwrite: sending it again is harmless")
    }

    @Test func aTruncatedOrderListingThrowsAndStoresNothing() async throws {
        let fixture = WalmartFixture()
        await fixture.addOrders(#"[{"purchase_order_id": "PO-1", "order_date": "2026-11-20T07:40:00Z", "lines": [{"sku": "A", "quantity": 1}]}]"#)
        await fixture.admin("POST", "/_sandbox/faults", json: #"{"operation": "getAllOrders", "kind": "truncated"}"#)
        do {
            _ = try await fixture.adapter.pullOrders(in: window, after: nil)
            Issue.record("a cut-off listing must throw")
        } catch let error as MarketSyncError {
            #expect(error.code == .garbledResponse)
            #expect(error.message.contains("getAllOrders"))
            #expect(!error.message.contains("5555550100"), "a buyer's phone never reaches a message")
        }
    }

    /// An adapter whose every call after the token gets `body` with `status`.
    func adapter(answering status: Int, _ body: String, contentType: String = "application/json") -> WalmartAdapter {
        let token = #"{"access_token": "tok-SECRET-123", "token_type": "Bearer", "expires_in": 900}"#
        let transport = HandlerTransport { request in
            if request.url.path == "/v3/token" { return WireResponse(status: 200, body: Data(token.utf8)) }
            return WireResponse(status: status, headers: [HeaderField("Content-Type", contentType)], body: Data(body.utf8))
        }
        let settings = WalmartSettings(baseURL: Fake.endpoint, clientID: Fake.clientID, clientSecret: Fake.secret)
        return WalmartAdapter(channel: "walmart", settings: settings, transport: transport, clock: ManualClock(now: Fake.start),
                              logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// The `MarketSyncError` `body` throws, failing the test when it throws none.
    func error(_ body: () async throws -> Void) async -> MarketSyncError? {
        do {
            try await body()
            Issue.record("expected an error")
            return nil
        } catch let error as MarketSyncError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test(arguments: [
        (#"{"list": {"meta": {"totalCount": 1}, "elements": {"order": [{"purchaseOrderId": "PO-1", "orderDate": "yesterday", "orderLines": {"orderLine": []}}]}}}"#, "orderDate"),
        (#"{"list": {"meta": {}, "elements": {"order": [{"purchaseOrderId": "PO-1", "orderDate": 1795161000000, "orderLines": {"orderLine": [{"lineNumber": 1, "item": {"sku": "A"}}]}}]}}}"#, "lineNumber"),
        (#"{"list": {"meta": {}, "elements": {"order": [{"purchaseOrderId": "PO-1", "orderDate": 1795161000000, "orderLines": {"orderLine": [{"lineNumber": "1", "item": {"sku": "A"}, "orderLineQuantity": {"amount": "one"}}]}}]}}}"#, "orderLineQuantity"),
        (#"{"list": {"meta": {}, "elements": {"order": [{"purchaseOrderId": "PO-1", "orderDate": 1795161000000, "orderLines": {"orderLine": [{"lineNumber": "1", "item": {"sku": "A"}, "orderLineQuantity": {"amount": "1"}, "statusDate": 1795161000000}]}}]}}}"#, "orderLineStatus"),
        (#"{"list": {"meta": {"nextCursor": 7}, "elements": {"order": []}}}"#, "nextCursor"),
        (#"{"orders": []}"#, "list"),
    ])
    func anOrderListingThatBreaksTheDocumentsNamesTheField(body: String, field: String) async throws {
        let adapter = adapter(answering: 200, body)
        let error = await error { _ = try await adapter.pullOrders(in: window, after: nil) }
        #expect(error?.code == .protocolViolation)
        #expect(error?.key?.contains(field) == true, "key \(error?.key ?? "none") should name \(field)")
        #expect(error?.message.contains("getAllOrders") == true)
        #expect(error?.channel == "walmart")
    }

    @Test func anInventoryAnswerWithoutTheEchoIsAProtocolViolationWithAnExcerpt() async throws {
        let adapter = adapter(answering: 200, #"{"status": "ok", "sku": 12}"#)
        let error = await error { _ = try await adapter.pushStock(stockUpdates(1)) }
        #expect(error?.code == .protocolViolation)
        #expect(error?.message.contains(#"{"status": "ok", "sku": 12}"#) == true)
        #expect(error?.sku == "WM-0")
    }

    @Test func aFeedAnswerWithoutFeedIDIsAProtocolViolation() async throws {
        let adapter = adapter(answering: 200, #"{"feedId": null}"#)
        let updates = stockUpdates(11)
        let error = await error { _ = try await adapter.pushStock(updates) }
        #expect(error?.code == .protocolViolation && error?.key == "feedId")
    }

    @Test func aFeedStatusWalmartDoesNotDocumentIsAProtocolViolation() async throws {
        let adapter = adapter(answering: 200, #"{"feedId": "F@1", "feedStatus": "DONE"}"#)
        let error = await error { _ = try await adapter.status(of: PushReceipt("F@1"), for: submitted(stockUpdates(1))) }
        #expect(error?.code == .protocolViolation && error?.message.contains("DONE") == true)
    }

    @Test func errorsInsideA200AreMapped() async throws {
        let adapter = adapter(answering: 200, #"{"errors": [{"code": "INVALID_REQUEST_CONTENT", "field": "pricing", "description": "bad"}]}"#)
        let results = try #require(try await adapter.pushPrices([PriceUpdate(item: 1, sku: "A", listing: nil, price: Money(minorUnits: 100, currency: .usd))]).results)
        #expect(results[0].error?.code == .validation && results[0].error?.key == "pricing")
    }

    @Test func a429WithoutRetryAfterReadsTheReplenishmentTimeOrWaitsAMinute() async throws {
        let replenish = Int64(Fake.start.timeIntervalSince1970 * 1000) + 42_000
        let withHeader = HandlerTransport { request in
            if request.url.path == "/v3/token" {
                return WireResponse(status: 200, body: Data(#"{"access_token": "t", "token_type": "Bearer", "expires_in": 900}"#.utf8))
            }
            return WireResponse(status: 429, headers: [HeaderField("X-Next-Replenishment-Time", String(replenish))],
                                body: Data(#"{"errors": [{"code": "REQUEST_THRESHOLD_VIOLATED"}]}"#.utf8))
        }
        let settings = WalmartSettings(baseURL: Fake.endpoint, clientID: Fake.clientID, clientSecret: Fake.secret)
        let adapter = WalmartAdapter(channel: "walmart", settings: settings, transport: withHeader, clock: ManualClock(now: Fake.start),
                                     logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let results = try await adapter.completedStock(stockUpdates(1))
        #expect(results[0].error?.code == .rateLimited && results[0].error?.retryAfter == .seconds(42))
        let bare = self.adapter(answering: 429, "")
        let bareResults = try await bare.completedStock(stockUpdates(1))
        #expect(bareResults[0].error?.retryAfter == .seconds(60))
    }

    @Test func aTokenAnswerWithoutExpiryIsAProtocolViolationThatNeverQuotesTheToken() async throws {
        let transport = HandlerTransport { _ in
            WireResponse(status: 200, body: Data(#"{"access_token": "tok-SECRET-123", "token_type": "Bearer"}"#.utf8))
        }
        let settings = WalmartSettings(baseURL: Fake.endpoint, clientID: Fake.clientID, clientSecret: Fake.secret)
        let adapter = WalmartAdapter(channel: "walmart", settings: settings, transport: transport, clock: ManualClock(now: Fake.start),
                                     logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let error = await error { try await adapter.verifyAccess() }
        #expect(error?.code == .protocolViolation && error?.key == "expires_in")
        #expect(error?.message.contains("tok-SECRET-123") == false)
        #expect(error?.message.contains("<redacted>") == true)
    }
}
