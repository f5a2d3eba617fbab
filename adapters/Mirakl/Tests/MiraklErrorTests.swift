import Foundation
import MarketSync
import MarketSyncTesting
@testable import Mirakl
import MiraklSandbox
import Testing

/// Mirakl's statuses map to the core's codes at the adapter's edge (docs/channels.md, "Errors and throttling"), and an
/// answer that is not what the documentation says is an error naming the channel, the call and a short excerpt.
@Suite struct MiraklErrorTests {
    var window: OrderWindow { OrderWindow(start: Fake.start.addingTimeInterval(-3600), end: Fake.start) }

    /// An adapter whose every call is answered `status` with `body`.
    func adapter(_ status: Int, _ body: String, headers: [HeaderField] = []) -> MiraklAdapter {
        MiraklFixture.adapter(transport: HandlerTransport { _ in WireResponse(status: status, headers: headers, body: Data(body.utf8)) },
                              clock: ManualClock(now: Fake.start))
    }

    func pullError(_ adapter: MiraklAdapter) async -> MarketSyncError? {
        do {
            _ = try await adapter.pullOrders(in: window, after: nil)
            return nil
        } catch {
            return error as? MarketSyncError
        }
    }

    @Test func aThrottleCarriesItsRetryAfterOnEveryCall() async throws {
        let fixture = MiraklFixture()
        try await fixture.admin("POST", "/_sandbox/faults", #"{"call": "OR11", "kind": "throttle", "retry_after": 42}"#)
        let error = try #require(await pullError(fixture.adapter))
        #expect(error.code == .rateLimited)
        #expect(error.retryAfter == .seconds(42))
        #expect(error.isRetryable)
        #expect(try await fixture.adapter.pullOrders(in: window, after: nil).orders.isEmpty)

        try await fixture.admin("POST", "/_sandbox/faults", #"{"call": "OF24", "kind": "throttle", "retry_after": 60}"#)
        do {
            _ = try await fixture.adapter.pushStock([StockUpdate(item: 1, sku: "YUG-PC-050", listing: nil, quantity: 1)])
            Issue.record("a throttled push must throw")
        } catch let error as MarketSyncError {
            #expect(error.code == .rateLimited)
            #expect(error.retryAfter == .seconds(60))
        }
    }

    @Test func aPerCallLimitAnswers429WithTheSecondsLeft() async throws {
        let fixture = MiraklFixture()
        try await fixture.admin("POST", "/_sandbox/limits", #"{"OR11": 60}"#)
        _ = try await fixture.adapter.pullOrders(in: window, after: nil)
        fixture.clock.advance(by: .seconds(15))
        #expect(await pullError(fixture.adapter)?.retryAfter == .seconds(45))
        fixture.clock.advance(by: .seconds(45))
        _ = try await fixture.adapter.pullOrders(in: window, after: nil)
    }

    @Test func aWrongKeyIsUnauthorizedEverywhere() async throws {
        let fixture = MiraklFixture(key: "not-the-key")
        do {
            try await fixture.adapter.verifyAccess()
            Issue.record("verifyAccess passed with a wrong key")
        } catch let error as MarketSyncError {
            #expect(error.code == .unauthorized)
            #expect(!error.message.contains("not-the-key"))
        }
        #expect(await pullError(fixture.adapter)?.code == .unauthorized)
        await #expect(throws: MarketSyncError.self) {
            _ = try await fixture.adapter.pushStock([StockUpdate(item: 1, sku: "YUG-PC-050", listing: nil, quantity: 1)])
        }
        #expect(fixture.log.calls("/api/offers", method: "POST").isEmpty)
        try await fixture.restarted().verifyAccess()
    }

    @Test func anHTMLPageOrACutOffAnswerIsGarbledAndRetryable() async throws {
        let fixture = MiraklFixture()
        try await fixture.admin("POST", "/_sandbox/orders", MiraklOrderTests.orders(["K-1"], createdFrom: Int(Fake.start.timeIntervalSince1970) - 600))
        try await fixture.admin("POST", "/_sandbox/faults", #"[{"call": "OR11", "kind": "html"}, {"call": "OR11", "kind": "truncated"}]"#)
        for expected in ["502 Bad Gateway", "{"] {
            let error = try #require(await pullError(fixture.adapter))
            #expect(error.code == .garbledResponse)
            #expect(error.isRetryable)
            #expect(error.message.contains("carrefour OR11"))
            #expect(error.message.contains(expected))
            #expect(!error.message.contains("+33 6 12 34 56 78"))
        }
        #expect(try await fixture.adapter.pullOrders(in: window, after: nil).orders.map(\.id) == ["K-1"])
    }

    @Test func anExcerptMasksTheCustomerAndTheKey() {
        let body = Data(#"{"key": "fake-mirakl-key-0001", "customer": {"firstname": "Camille", "lastname": "Martin", "phone": "0612345678", "street_1": "1 rue"#.utf8)
        let excerpt = ResponseExcerpt.make(body, redacting: [Fake.key])
        for leaked in ["Camille", "Martin", "0612345678", "1 rue", Fake.key] { #expect(!excerpt.contains(leaked), "\(excerpt)") }
        #expect(excerpt.contains(#""firstname": "<masked>""#))
    }

    @Test func aServerErrorIsRetryable() async {
        let error = await pullError(adapter(503, #"{"status": 503, "message": "maintenance"}"#))
        #expect(error?.code == .channelUnavailable)
    }

    @Test(arguments: [
        (#"{"orders": [{"order_state": "SHIPPING", "last_updated_date": "2026-11-20T07:00:00Z", "order_lines": []}], "total_count": 1}"#, "order_id"),
        (#"{"orders": [{"order_id": "L-1", "order_state": "SHIPPING", "last_updated_date": "2026-11-20T07:00:00Z", "order_lines": [{"order_line_id": "L-1-1", "order_line_state": "SHIPPING", "offer_sku": "X", "quantity": "2"}]}], "total_count": 1}"#, "order_lines[0].quantity"),
        (#"{"orders": [{"order_id": "L-1", "order_state": "SHIPPING", "last_updated_date": "yesterday", "order_lines": []}], "total_count": 1}"#, "last_updated_date"),
        (#"{"orders": [{"order_id": 17, "order_state": "SHIPPING", "last_updated_date": "2026-11-20T07:00:00Z", "order_lines": []}], "total_count": 1}"#, "order_id"),
        (#"{"orders": [], "total_count": "many"}"#, "total_count"),
        (#"{"total_count": 3}"#, "orders"),
    ])
    func anAnswerThatIsNotWhatTheDocumentationSaysNamesTheField(body: String, field: String) async throws {
        let error = try #require(await pullError(adapter(200, body)))
        #expect(error.code == .protocolViolation)
        #expect(error.key == field)
        #expect(error.message.contains("carrefour OR11"))
        #expect(error.message.contains(field))
    }

    @Test func unknownFieldsAreIgnoredAndTheCustomerIsNeverRead() async throws {
        let body = """
            {"orders": [{"order_id": "M-1", "order_state": "SHIPPING", "last_updated_date": "2026-11-20T07:00:00.123+01:00",
              "created_date": "2026-11-20T05:00:00Z", "a_field_from_next_year": {"x": 1}, "customer": {"phone": 12},
              "order_lines": [{"order_line_id": "M-1-1", "order_line_state": "SHIPPING", "offer_sku": "YUG-PC-050", "quantity": 2,
                               "price_unit": 12.5, "offer_id": 5001, "something_new": true}]}], "total_count": 1}
            """
        let order = try #require(try await adapter(200, body).pullOrders(in: window, after: nil).orders.first)
        #expect(order.id == "M-1")
        // 07:00:00.123 at UTC+1 is 06:00:00.123Z.
        #expect(abs(order.updatedAt.timeIntervalSince1970 - 1_795_154_400.123) < 0.001)
        #expect(order.placedAt == Date(timeIntervalSince1970: 1_795_150_800))
        #expect(order.lines.first?.listing == "5001")
    }

    @Test func aBadRequestOnAnImportIsAValidationOfTheBatch() async throws {
        let transport = HandlerTransport { request in
            request.method == "GET"
                ? WireResponse(status: 200, body: Data(#"{"offers": [], "total_count": 0}"#.utf8))
                : WireResponse(status: 400, body: Data(#"{"status": 400, "message": "offers: malformed"}"#.utf8))
        }
        let adapter = MiraklFixture.adapter(transport: transport, clock: ManualClock(now: Fake.start))
        do {
            _ = try await adapter.pushStock([StockUpdate(item: 1, sku: "YUG-PC-050", listing: nil, quantity: 1)])
            Issue.record("a 400 must throw")
        } catch let error as MarketSyncError {
            #expect(error.code == .validation)
            #expect(error.key == "import of 1 offers")
            #expect(error.message.contains("OF24"))
            #expect(error.message.contains("offers: malformed"))
        }
    }
}
