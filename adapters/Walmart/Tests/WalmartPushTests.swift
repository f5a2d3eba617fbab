import Foundation
import MarketSync
import MarketSyncTesting
import Testing
import Walmart
import WalmartSandbox

/// Stock and prices: single calls up to the bulk threshold, a feed above it, and how a feed's results are read
/// (docs/channels.md, "Inventory", "Prices", "Feeds and how their results are read").
@Suite struct WalmartPushTests {
    /// Asks about `receipt`, moving the clock 5 s before each question, until it is answered.
    func results(_ fixture: WalmartFixture, _ receipt: PushReceipt, _ items: [SubmittedItem], polls: Int = 20) async throws -> [ItemResult] {
        for _ in 0..<polls {
            fixture.clock.advance(by: .seconds(5))
            if case let .completed(results) = try await fixture.adapter.status(of: receipt, for: items) { return results }
        }
        Issue.record("feed \(receipt) never processed")
        return []
    }

    @Test func upToTheThresholdEachSKUGoesAsOneSingleCall() async throws {
        let fixture = WalmartFixture(bulkThreshold: 3)
        let updates = stockUpdates(3)
        let results = try await fixture.adapter.completedStock(updates)
        #expect(results.map(\.item) == updates.map(\.item))
        #expect(results.allSatisfy { $0.error == nil })
        let calls = fixture.log.calls
        #expect(calls.count == 3)
        #expect(calls.allSatisfy { $0.method == "PUT" && $0.url.path == "/v3/inventory" })
        #expect(calls.map { $0.url.query } == ["sku=WM-0", "sku=WM-1", "sku=WM-2"])
        let body = try #require(calls.first.map { String(decoding: $0.body, as: UTF8.self) })
        #expect(body == #"{"quantity":{"amount":10,"unit":"EACH"},"sku":"WM-0"}"#)
        #expect(fixture.sandbox.stock(of: "WM-2") == 12)
    }

    @Test func aboveTheThresholdTheBatchGoesAsOneFeedAnsweredLater() async throws {
        let fixture = WalmartFixture(bulkThreshold: 3)
        let updates = stockUpdates(4)
        guard case let .submitted(receipt) = try await fixture.adapter.pushStock(updates) else {
            Issue.record("four changes above a threshold of three must go as a feed")
            return
        }
        #expect(receipt.id.contains("@"))
        let feed = try #require(fixture.log.calls.first)
        #expect(feed.method == "POST" && feed.url.path == "/v3/feeds" && feed.url.query == "feedType=inventory")
        #expect(feed.header("Content-Type") == "multipart/form-data; boundary=marketsync-walmart-feed")
        let text = String(decoding: feed.body, as: UTF8.self)
        #expect(text.contains(#"Content-Disposition: form-data; name="file"; filename="inventory.json""#))
        #expect(text.contains(#"{"Inventory":[{"quantity":{"amount":10,"unit":"EACH"},"sku":"WM-0"}"#))
        #expect(text.contains(#""InventoryHeader":{"version":"1.4"}"#))
        // Nothing is set before the feed is processed; the status path percent-encodes the @ of the feed id.
        #expect(try await fixture.adapter.status(of: receipt, for: submitted(updates)) == .processing)
        #expect(fixture.sandbox.stock(of: "WM-0") == nil)
        let statusCall = try #require(fixture.log.calls.last)
        #expect(statusCall.url.path(percentEncoded: true) == "/v3/feeds/" + receipt.id.replacingOccurrences(of: "@", with: "%40"))
        #expect(statusCall.url.query == "includeDetails=true&offset=0&limit=50")
        let results = try await results(fixture, receipt, submitted(updates))
        #expect(Set(results.map(\.item)) == Set(updates.map(\.item)))
        #expect(results.allSatisfy { $0.error == nil })
        #expect(fixture.sandbox.stock(of: "WM-3") == 13)
    }

    @Test func aFeedMovesFromReceivedThroughInProgressToProcessed() async throws {
        let fixture = WalmartFixture(bulkThreshold: 0)
        let updates = stockUpdates(2)
        guard case let .submitted(receipt) = try await fixture.adapter.pushStock(updates) else { throw FeedExpected() }
        var seen: [String] = []
        for _ in 0..<10 {
            fixture.clock.advance(by: .seconds(5))
            let answer = try await fixture.adapter.status(of: receipt, for: submitted(updates))
            seen.append("\(fixture.log.lastAnswer["feedStatus"] as? String ?? "?")->\(answer == .processing ? "processing" : "completed")")
            if answer != .processing { break }
        }
        #expect(seen == ["RECEIVED->processing", "INPROGRESS->processing", "INPROGRESS->processing", "INPROGRESS->processing",
                         "INPROGRESS->processing", "PROCESSED->completed"])
    }

    @Test func aFeedThatPartlyFailsGivesPermanentAndRetryableItemErrors() async throws {
        let fixture = WalmartFixture(bulkThreshold: 0)
        await fixture.admin("POST", "/_sandbox/feeds/outcomes", json: """
            [{"sku": "WM-1", "status": "DATA_ERROR", "code": "ERR_EXT_DATA_0801001", "description": "the item is not set up"},
             {"sku": "WM-2", "status": "SYSTEM_ERROR", "code": "ERR_INT_SYS_0000001", "description": "try again"},
             {"sku": "WM-3", "status": "TIMEOUT_ERROR", "code": "ERR_INT_SYS_0000002", "description": "timed out"}]
            """)
        let updates = stockUpdates(5)
        guard case let .submitted(receipt) = try await fixture.adapter.pushStock(updates) else { throw FeedExpected() }
        let results = try await results(fixture, receipt, submitted(updates))
        let byItem = Dictionary(uniqueKeysWithValues: results.map { ($0.item, $0) })
        #expect(byItem[100]?.error == nil)
        #expect(byItem[104]?.error == nil)
        let data = try #require(byItem[101]?.error)
        #expect(data.code == .validation && !data.isRetryable)
        #expect(data.message.contains("the item is not set up") && data.message.contains(receipt.id))
        #expect(data.key == "ERR_EXT_DATA_0801001")
        #expect(data.sku == "WM-1")
        #expect(byItem[102]?.error?.isRetryable == true)
        #expect(byItem[103]?.error?.isRetryable == true)
        #expect(fixture.sandbox.stock(of: "WM-0") == 10)
        #expect(fixture.sandbox.stock(of: "WM-1") == nil)
    }

    @Test func aValueWalmartRefusesInAFeedIsADataError() async throws {
        let fixture = WalmartFixture(bulkThreshold: 0)
        var updates = stockUpdates(2)
        updates[1].quantity = -3
        guard case let .submitted(receipt) = try await fixture.adapter.pushStock(updates) else { throw FeedExpected() }
        let results = try await results(fixture, receipt, submitted(updates))
        #expect(results.first { $0.item == 101 }?.error?.code == .validation)
        #expect(results.first { $0.item == 100 }?.error == nil)
    }

    @Test func aFeedInErrorMakesEveryItemRetryable() async throws {
        let fixture = WalmartFixture(bulkThreshold: 0)
        await fixture.admin("POST", "/_sandbox/feeds/fail", json: #"{"times": 1}"#)
        let updates = stockUpdates(3)
        guard case let .submitted(receipt) = try await fixture.adapter.pushStock(updates) else { throw FeedExpected() }
        let results = try await results(fixture, receipt, submitted(updates))
        #expect(results.count == 3)
        for result in results {
            #expect(result.error?.isRetryable == true)
            #expect(result.error?.message.contains("ERROR") == true)
            #expect(result.error?.message.contains("could not be processed") == true)
        }
        #expect(fixture.sandbox.stock(of: "WM-0") == nil)
    }

    @Test func itemDetailsAreReadPageByPageUntilEveryItemIsRead() async throws {
        let fixture = WalmartFixture(bulkThreshold: 10)
        await fixture.admin("POST", "/_sandbox/feeds/outcomes", json: #"{"sku": "WM-117", "status": "DATA_ERROR"}"#)
        let updates = stockUpdates(120)
        guard case let .submitted(receipt) = try await fixture.adapter.pushStock(updates) else { throw FeedExpected() }
        fixture.clock.advance(by: .seconds(60))
        guard case let .completed(results) = try await fixture.adapter.status(of: receipt, for: submitted(updates)) else {
            Issue.record("the feed should be processed after 60 s")
            return
        }
        let pages = fixture.log.calls.filter { $0.url.path.hasPrefix("/v3/feeds/") }.map { $0.url.query ?? "" }
        #expect(pages == ["includeDetails=true&offset=0&limit=50", "includeDetails=true&offset=50&limit=50",
                          "includeDetails=true&offset=100&limit=50"])
        #expect(results.count == 120)
        #expect(results.filter { $0.error == nil }.count == 119)
        #expect(results.first { $0.item == 217 }?.error?.code == .validation, "an item of the last page maps back by its SKU")
    }

    @Test func anItemTheFeedNeverMentionsIsRetryableNotAccepted() async throws {
        let fixture = WalmartFixture(bulkThreshold: 0)
        let updates = stockUpdates(2)
        guard case let .submitted(receipt) = try await fixture.adapter.pushStock(updates) else { throw FeedExpected() }
        fixture.clock.advance(by: .seconds(60))
        // The engine asks about one more item than the feed carried (a receipt recorded with another item).
        let asked = submitted(updates) + [SubmittedItem(item: 999, sku: "WM-NOT-SENT", listing: nil)]
        guard case let .completed(results) = try await fixture.adapter.status(of: receipt, for: asked) else { throw FeedExpected() }
        #expect(results.first { $0.item == 999 }?.error?.isRetryable == true)
        #expect(results.filter { $0.error == nil }.count == 2)
    }

    @Test func aFeedWalmartDoesNotKnowMakesEveryItemRetryable() async throws {
        let fixture = WalmartFixture()
        let items = submitted(stockUpdates(2))
        guard case let .completed(results) = try await fixture.adapter.status(of: PushReceipt("FFFF@UNKNOWN"), for: items) else {
            throw FeedExpected()
        }
        #expect(results.map(\.item) == [100, 101])
        #expect(results.allSatisfy { $0.error?.code == .channelUnavailable })
        #expect(fixture.log.answers.last?.status == 404)
    }

    @Test func aSandboxWithAStateFileKeepsItsFeedsTokensAndStockAcrossARestart() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("walmart-sandbox-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let clock = ManualClock(now: Fake.start)
        let first = WalmartFixture(bulkThreshold: 1, stateFile: file, clock: clock)
        _ = try await first.adapter.completedStock(stockUpdates(1, base: 3))
        let updates = stockUpdates(2, base: 20)
        guard case let .submitted(receipt) = try await first.adapter.pushStock(updates) else { throw FeedExpected() }
        // A new sandbox process on the same file, and a new adapter: the feed is still there and gets processed.
        let restarted = WalmartSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, clock: clock, stateFile: file)
        #expect(restarted.stateFileProblem == nil)
        #expect(restarted.stock(of: "WM-0") == 3)
        let second = WalmartFixture(bulkThreshold: 1, clock: clock, sandbox: restarted)
        let results = try await results(second, receipt, submitted(updates))
        #expect(results.count == 2 && results.allSatisfy { $0.error == nil })
        #expect(restarted.stock(of: "WM-1") == 21)
        #expect(restarted.requestCount("updateBulkInventory") == 1, "request counts are kept too")
    }

    @Test func aListingIDIsTheWalmartSKUWhenTheCatalogHasOne() async throws {
        let fixture = WalmartFixture()
        let update = StockUpdate(item: 7, sku: "YUG-CN-200", listing: "WM-CEDAR-200", quantity: 4)
        _ = try await fixture.adapter.completedStock([update])
        #expect(fixture.log.calls.first?.url.query == "sku=WM-CEDAR-200")
        #expect(fixture.sandbox.stock(of: "WM-CEDAR-200") == 4)
    }

    @Test func aSKUIsPercentEncodedInTheQuery() async throws {
        let fixture = WalmartFixture()
        let update = StockUpdate(item: 7, sku: "A B/C@D+E", listing: nil, quantity: 4)
        _ = try await fixture.adapter.completedStock([update])
        #expect(fixture.log.calls.first?.url.query(percentEncoded: true) == "sku=A%20B%2FC%40D%2BE")
        #expect(fixture.sandbox.stock(of: "A B/C@D+E") == 4)
    }

    @Test func aRefusedSingleValueFailsAloneAndANegativeOneIsNeverSent() async throws {
        let fixture = WalmartFixture()
        await fixture.admin("POST", "/_sandbox/faults", json: """
            {"operation": "updateInventoryForAnItem", "sku": "WM-1", "http_status": 400, "code": "INVALID_REQUEST_CONTENT", "field": "sku", "description": "item not found"}
            """)
        var updates = stockUpdates(3)
        updates[2].quantity = -1
        let results = try await fixture.adapter.completedStock(updates)
        #expect(results[0].error == nil)
        #expect(results[1].error?.code == .validation && results[1].error?.key == "sku")
        #expect(results[1].error?.message.contains("INVALID_REQUEST_CONTENT") == true)
        #expect(results[2].error?.code == .validation && results[2].error?.key == "quantity")
        #expect(fixture.log.calls.count == 2)
    }

    @Test func aThrottledSingleCallStopsTheLoopAndHonoursRetryAfter() async throws {
        let fixture = WalmartFixture()
        await fixture.admin("POST", "/_sandbox/faults", json: """
            {"operation": "updateInventoryForAnItem", "sku": "WM-1", "http_status": 429, "code": "REQUEST_THRESHOLD_VIOLATED", "retry_after": 7}
            """)
        let results = try await fixture.adapter.completedStock(stockUpdates(3))
        #expect(results[0].error == nil)
        #expect(results[1].error?.code == .rateLimited && results[1].error?.retryAfter == .seconds(7))
        #expect(results[2].error?.code == .rateLimited && results[2].error?.sku == "WM-2")
        #expect(fixture.log.calls.count == 2, "nothing more is sent once throttled")
    }

    @Test func theSandboxsRateLimitAnswers429WithItsHeaders() async throws {
        let fixture = WalmartFixture()
        await fixture.admin("POST", "/_sandbox/rate_limit", json: #"{"per_second": 1, "burst": 2}"#)
        let results = try await fixture.adapter.completedStock(stockUpdates(3))
        // The token call and the first PUT take the burst; the second PUT is throttled.
        #expect(results[0].error == nil)
        let error = try #require(results[1].error)
        #expect(error.code == .rateLimited)
        #expect(error.retryAfter == .seconds(1))
        #expect(fixture.sandbox.throttledCount == 1)
    }

    @Test func aServerErrorIsRetryable() async throws {
        let fixture = WalmartFixture()
        await fixture.admin("POST", "/_sandbox/faults", json: """
            {"operation": "updateInventoryForAnItem", "http_status": 503, "code": "SYSTEM_ERROR", "description": "down"}
            """)
        let results = try await fixture.adapter.completedStock(stockUpdates(1))
        #expect(results[0].error?.code == .channelUnavailable)
    }

    @Test func pricesGoSinglyInTheConfiguredCurrencyAsExactDecimals() async throws {
        let fixture = WalmartFixture()
        let updates = [PriceUpdate(item: 1, sku: "WM-0", listing: nil, price: Money(minorUnits: 549, currency: .usd)),
                       PriceUpdate(item: 2, sku: "WM-1", listing: nil, price: Money(minorUnits: 10, currency: .usd)),
                       PriceUpdate(item: 3, sku: "WM-2", listing: nil, price: Money(minorUnits: 990, currency: .cny))]
        let results = try #require(try await fixture.adapter.pushPrices(updates).results)
        #expect(results[0].error == nil && results[1].error == nil)
        #expect(results[2].error?.code == .validation && results[2].error?.key == "price")
        let bodies = fixture.log.calls.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(bodies == [#"{"pricing":[{"currentPrice":{"amount":5.49,"currency":"USD"},"currentPriceType":"BASE"}],"sku":"WM-0"}"#,
                           #"{"pricing":[{"currentPrice":{"amount":0.1,"currency":"USD"},"currentPriceType":"BASE"}],"sku":"WM-1"}"#])
        #expect(fixture.sandbox.price(of: "WM-0")?.hundredths == 549)
    }

    @Test func manyPricesGoAsOnePriceFeed() async throws {
        let fixture = WalmartFixture(bulkThreshold: 1)
        let updates = (0..<3).map { PriceUpdate(item: Int64($0), sku: SKU("WM-\($0)"), listing: nil, price: Money(minorUnits: 100 + Int64($0), currency: .usd)) }
        guard case let .submitted(receipt) = try await fixture.adapter.pushPrices(updates) else { throw FeedExpected() }
        let feed = try #require(fixture.log.calls.first)
        #expect(feed.url.query == "feedType=price")
        #expect(String(decoding: feed.body, as: UTF8.self).contains(#""PriceHeader":{"version":"1.7"}"#))
        let results = try await results(fixture, receipt, updates.map { SubmittedItem(item: $0.item, sku: $0.sku, listing: nil) })
        #expect(results.allSatisfy { $0.error == nil })
        #expect(fixture.sandbox.price(of: "WM-2")?.hundredths == 102)
    }

    @Test func theSandboxRefusesAPriceInACurrencyWalmartDoesNotTake() async throws {
        let fixture = WalmartFixture()
        try await fixture.adapter.verifyAccess()
        let token = try #require(fixture.log.last?.header("WM_SEC.ACCESS_TOKEN"))
        let response = await fixture.sandbox.handle(WireRequest(
            method: "PUT", url: URL(string: "http://127.0.0.1/v3/price") ?? Fake.endpoint,
            headers: [HeaderField("WM_SEC.ACCESS_TOKEN", token), HeaderField("WM_QOS.CORRELATION_ID", "c"), HeaderField("WM_SVC.NAME", "x"),
                      HeaderField("Content-Type", "application/json")],
            body: Data(#"{"sku":"WM-0","pricing":[{"currentPriceType":"BASE","currentPrice":{"currency":"CNY","amount":5}}]}"#.utf8)))
        #expect(response.status == 400)
        #expect(String(decoding: response.body, as: UTF8.self).contains("USD or CAD"))
    }

    @Test func aFeedOverTheFileLimitIsRefusedWith413() async throws {
        let fixture = WalmartFixture(bulkThreshold: 0)
        await fixture.admin("POST", "/_sandbox/limits", json: #"{"max_feed_bytes": 2000}"#)
        do {
            _ = try await fixture.adapter.pushStock(stockUpdates(60))
            Issue.record("a feed of 60 items is over 2 KB")
        } catch let error as MarketSyncError {
            #expect(error.code == .validation)
            #expect(error.message.contains("413") && error.message.contains("updateBulkInventory"))
        }
    }

    @Test func feedsOverTheHourlyLimitAreThrottled() async throws {
        let fixture = WalmartFixture(bulkThreshold: 0)
        await fixture.admin("POST", "/_sandbox/limits", json: #"{"feeds_per_hour": 1}"#)
        _ = try await fixture.adapter.pushStock(stockUpdates(1))
        do {
            _ = try await fixture.adapter.pushStock(stockUpdates(1))
            Issue.record("a second feed within the hour must be throttled")
        } catch let error as MarketSyncError {
            #expect(error.code == .rateLimited)
            #expect(error.retryAfter == .seconds(3600))
        }
    }
}

/// The push answered at once where a feed was expected.
struct FeedExpected: Error {}

extension PushStatus {
    /// Whether two statuses are both `.processing` (results are not compared).
    static func == (lhs: PushStatus, rhs: PushStatus) -> Bool {
        switch (lhs, rhs) {
        case (.processing, .processing): true
        default: false
        }
    }

    static func != (lhs: PushStatus, rhs: PushStatus) -> Bool { !(lhs == rhs) }
}
