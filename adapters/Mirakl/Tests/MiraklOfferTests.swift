import Foundation
import MarketSync
import MarketSyncTesting
import Mirakl
import MiraklSandbox
import Testing

/// OF24 resets every field it is not sent, so the adapter always sends whole records (docs/channels.md, "Offers:
/// stock and prices"); these tests hold it to that against the sandbox, which resets like Mirakl.
@Suite struct MiraklOfferTests {
    static let seeded = """
        [{"shop_sku": "YUG-PC-050", "price": 12.5, "quantity": 7, "description": "Dried porcini 50 g", "leadtime_to_ship": 2,
          "min_quantity_alert": 3, "logistic_class": "S", "allow_quote_requests": true, "price_additional_info": "per bag",
          "offer_additional_fields": [{"code": "origin", "value": "RU"}]}]
        """

    func expectUntouched(_ offer: [String: Any]?, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(offer?["description"] as? String == "Dried porcini 50 g", sourceLocation: sourceLocation)
        #expect(offer?["leadtime_to_ship"] as? Int == 2, sourceLocation: sourceLocation)
        #expect(offer?["min_quantity_alert"] as? Int == 3, sourceLocation: sourceLocation)
        #expect(offer?["logistic_class"] as? String == "S", sourceLocation: sourceLocation)
        #expect(offer?["allow_quote_requests"] as? Bool == true, sourceLocation: sourceLocation)
        #expect(offer?["price_additional_info"] as? String == "per bag", sourceLocation: sourceLocation)
        #expect((offer?["offer_additional_fields"] as? [String: String])?["origin"] == "RU", sourceLocation: sourceLocation)
    }

    @Test func aStockPushKeepsThePriceAndEveryOtherFieldAndAPricePushKeepsTheStock() async throws {
        let fixture = MiraklFixture()
        try await fixture.admin("POST", "/_sandbox/offers", Self.seeded)

        let stock = [StockUpdate(item: 1, sku: "YUG-PC-050", listing: nil, quantity: 40)]
        let stockResults = try await fixture.results(of: try await fixture.adapter.pushStock(stock), items: stock.submitted)
        #expect(stockResults.map(\.item) == [1] && stockResults.allSatisfy { $0.error == nil })
        var offer = try await fixture.offer("YUG-PC-050")
        #expect(offer?["quantity"] as? Int == 40)
        #expect(offer?["price"] as? String == "12.50")
        expectUntouched(offer)

        let prices = [PriceUpdate(item: 2, sku: "YUG-PC-050", listing: nil, price: Fake.euros("13.90"))]
        let priceResults = try await fixture.results(of: try await fixture.adapter.pushPrices(prices), items: prices.submitted)
        #expect(priceResults.allSatisfy { $0.error == nil })
        offer = try await fixture.offer("YUG-PC-050")
        #expect(offer?["quantity"] as? Int == 40)
        #expect(offer?["price"] as? String == "13.90")
        expectUntouched(offer)

        // A restarted process knows nothing: it reads the offers back with OF21 before its first push.
        let restarted = fixture.restarted()
        let more = [StockUpdate(item: 3, sku: "YUG-PC-050", listing: nil, quantity: 41)]
        _ = try await fixture.results(of: try await restarted.pushStock(more), items: more.submitted, adapter: restarted)
        offer = try await fixture.offer("YUG-PC-050")
        #expect(offer?["quantity"] as? Int == 41)
        #expect(offer?["price"] as? String == "13.90")
        expectUntouched(offer)
        #expect(fixture.log.calls("/api/offers", method: "GET").count == 2)
    }

    @Test func theSandboxResetsWhatAPartialRecordLeavesOut() async throws {
        // The trap the adapter avoids: an OF24 line with the quantity alone empties the price and the description.
        let fixture = MiraklFixture()
        try await fixture.admin("POST", "/_sandbox/offers", Self.seeded)
        let partial = WireRequest(method: "POST", url: Fake.base.appendingPathComponent("/api/offers"),
                                  headers: [HeaderField("Authorization", Fake.key)],
                                  body: Data(#"{"offers": [{"shop_sku": "YUG-PC-050", "quantity": 40, "state_code": "11"}]}"#.utf8))
        #expect(await fixture.sandbox.handle(partial).status == 201)
        fixture.clock.advance(by: .seconds(60))
        let offer = try await fixture.offer("YUG-PC-050")
        #expect(offer?["quantity"] as? Int == 40)
        #expect(offer?["price"] == nil)
        #expect(offer?["description"] == nil)
        #expect(offer?["allow_quote_requests"] as? Bool == false)
    }

    @Test func aNewOfferGetsItsStockThenItsPriceAndKeepsBoth() async throws {
        let fixture = MiraklFixture()
        // The catalog's listing is the product's reference on the operator's side; without one, the SKU is.
        let stock = [StockUpdate(item: 1, sku: "YUG-CN-200", listing: "4607093000045", quantity: 120),
                     StockUpdate(item: 2, sku: "YUG-LB-300", listing: nil, quantity: 200)]
        let prices = [PriceUpdate(item: 3, sku: "YUG-CN-200", listing: nil, price: Fake.euros("8.40")),
                      PriceUpdate(item: 4, sku: "YUG-LB-300", listing: nil, price: Fake.euros("3.10"))]
        // Both imports go out before either is applied: the second carries the quantities of the first.
        let first = try await fixture.adapter.pushStock(stock)
        let second = try await fixture.adapter.pushPrices(prices)
        let created = try #require(fixture.log.calls("/api/offers", method: "POST").first?.json["offers"] as? [[String: Any]])
        #expect(created.map { $0["product_id"] as? String } == ["4607093000045", "YUG-LB-300"])
        #expect(created.first?["product_id_type"] as? String == "SHOP_SKU")
        #expect(created.first?["state_code"] as? String == "11")
        #expect(created.first?["price"] == nil)
        let priced = try #require(fixture.log.calls("/api/offers", method: "POST").last?.json["offers"] as? [[String: Any]])
        #expect(priced.map { $0["quantity"] as? Int } == [120, 200])
        #expect(priced.first?["price"] as? Double == 8.4)

        let results = try await fixture.results(of: first, items: stock.submitted) + fixture.results(of: second, items: prices.submitted)
        #expect(results.count == 4 && results.allSatisfy { $0.error == nil })
        let cedar = try await fixture.offer("YUG-CN-200")
        #expect(cedar?["quantity"] as? Int == 120)
        #expect(cedar?["price"] as? String == "8.40")
    }

    @Test func aPartlyFailedImportRejectsOnlyTheLinesOfItsErrorReport() async throws {
        let fixture = MiraklFixture()
        try await fixture.admin("POST", "/_sandbox/import_faults", #"{"fail_skus": {"YUG-HC-250": "The offer's product is not sellable in this category"}}"#)
        let stock = ["YUG-PC-050", "YUG-HC-250", "YUG-MK-300"].enumerated().map {
            StockUpdate(item: Int64(10 + $0.offset), sku: SKU($0.element), listing: nil, quantity: 5)
        }
        let results = byItem(try await fixture.results(of: try await fixture.adapter.pushStock(stock), items: stock.submitted))
        let rejected = try #require(results[11]?.error)
        #expect(rejected.code == .validation)
        #expect(!rejected.isRetryable)
        #expect(rejected.message.contains("not sellable in this category"))
        #expect(rejected.key?.hasPrefix("import ") == true)
        #expect(results[10]?.error == nil && results[12]?.error == nil)
        #expect(fixture.log.calls("/api/offers/imports/1001/error_report").count == 1)
    }

    @Test func aFailedImportSendsEveryItemAgain() async throws {
        let fixture = MiraklFixture()
        try await fixture.admin("POST", "/_sandbox/import_faults", #"{"fail_import": "The file could not be read"}"#)
        let stock = [StockUpdate(item: 1, sku: "YUG-PC-050", listing: nil, quantity: 5),
                     StockUpdate(item: 2, sku: "YUG-CN-200", listing: nil, quantity: 6)]
        let results = try await fixture.results(of: try await fixture.adapter.pushStock(stock), items: stock.submitted)
        #expect(results.count == 2)
        #expect(results.allSatisfy { $0.error?.isRetryable == true })
        #expect(results.allSatisfy { $0.error?.message.contains("The file could not be read") == true })
        #expect(try await fixture.offer("YUG-PC-050") == nil)
    }

    @Test func anImportIsProcessingUntilItCompletesAndIsAskedAboutAtMostOnceAMinute() async throws {
        let fixture = MiraklFixture(statusInterval: .seconds(60))
        let stock = [StockUpdate(item: 1, sku: "YUG-PC-050", listing: nil, quantity: 5)]
        guard case let .submitted(receipt) = try await fixture.adapter.pushStock(stock) else {
            Issue.record("OF24 answers with an import id")
            return
        }
        #expect(receipt.id == "1001")
        fixture.clock.advance(by: .seconds(5))
        guard case .processing = try await fixture.adapter.status(of: receipt, for: stock.submitted) else {
            Issue.record("a waiting import is processing")
            return
        }
        fixture.clock.advance(by: .seconds(40))
        guard case .processing = try await fixture.adapter.status(of: receipt, for: stock.submitted) else {
            Issue.record("asked again too soon: still processing")
            return
        }
        #expect(fixture.log.calls("/api/offers/imports/1001").count == 1)
        fixture.clock.advance(by: .seconds(20))
        guard case let .completed(results) = try await fixture.adapter.status(of: receipt, for: stock.submitted) else {
            Issue.record("the import completed 30 s after it was taken")
            return
        }
        #expect(results.map(\.item) == [1])
        #expect(fixture.log.calls("/api/offers/imports/1001").count == 2)
    }

    @Test func importsAreSpacedByTheImportInterval() async throws {
        let fixture = MiraklFixture(importInterval: .seconds(60))
        let adapter = fixture.adapter
        _ = try await adapter.pushStock([StockUpdate(item: 1, sku: "YUG-PC-050", listing: nil, quantity: 5)])
        let second = Task { try await adapter.pushPrices([PriceUpdate(item: 2, sku: "YUG-PC-050", listing: nil, price: Fake.euros("9.90"))]) }
        await fixture.clock.waitForSleepers(count: 1)
        #expect(fixture.log.calls("/api/offers", method: "POST").count == 1)
        fixture.clock.advance(by: .seconds(60))
        guard case .submitted = try await second.value else {
            Issue.record("the second import went out after the interval")
            return
        }
        #expect(fixture.log.calls("/api/offers", method: "POST").count == 2)
    }

    @Test func aValueTheChannelCouldNeverTakeFailsAloneAndTheRestIsSentAgain() async throws {
        let fixture = MiraklFixture()
        let stock = [StockUpdate(item: 1, sku: "YUG-PC-050", listing: nil, quantity: -1),
                     StockUpdate(item: 2, sku: "YUG-CN-200", listing: nil, quantity: 3)]
        let results = byItem(try #require(try await fixture.adapter.pushStock(stock).results))
        #expect(results[1]?.error?.code == .validation)
        #expect(results[2]?.error?.isRetryable == true)
        let prices = [PriceUpdate(item: 3, sku: "YUG-PC-050", listing: nil, price: Money(minorUnits: 990, currency: .cny))]
        #expect(try await fixture.adapter.pushPrices(prices).results?.first?.error?.code == .validation)
        #expect(fixture.log.calls("/api/offers", method: "POST").isEmpty)
    }

    @Test func theKeyGoesRawInAuthorizationAndPricesWithTwoDecimals() async throws {
        let fixture = MiraklFixture()
        _ = try await fixture.adapter.pushPrices([PriceUpdate(item: 1, sku: "YUG-PC-050", listing: nil, price: Fake.euros("13.90"))])
        let request = try #require(fixture.log.calls("/api/offers", method: "POST").first)
        #expect(request.header("Authorization") == Fake.key)
        #expect(request.header("Content-Type") == "application/json")
        #expect(String(decoding: request.body, as: UTF8.self).contains(#""price":13.90"#))
        #expect(String(decoding: request.body, as: UTF8.self).contains(#""update_delete":"update""#))
    }
}
