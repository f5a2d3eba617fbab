@testable import Epinduo
@testable import EpinduoSandbox
import Foundation
import MarketSync
import MarketSyncTesting
import Testing

@Suite("Epinduo stock and price pushes")
struct EpinduoPushTests {
    let stockType = "pdd.goods.quantity.update"
    let priceType = "pdd.goods.sku.price.update"

    @Test func stockRoundTripLandsInTheSandbox() async throws {
        let fixture = EpinduoFixture()
        let results = try await fixture.adapter.completedStock([StockUpdate(sku: "YG-NUT-500", listing: "777:11", quantity: 17)])
        #expect(results.count == 1)
        #expect(results[0].sku == "YG-NUT-500" && results[0].error == nil)
        let entry = try #require(fixture.sandbox.state.stock["777:11"])
        #expect(entry.quantity == 17)
        #expect(entry.outerID == "YG-NUT-500")
        // A retry of the same overwrite leaves the same world (update_type=1).
        _ = try await fixture.adapter.completedStock([StockUpdate(sku: "YG-NUT-500", listing: "777:11", quantity: 17)])
        #expect(fixture.sandbox.state.stock["777:11"]?.quantity == 17)
        #expect(fixture.log.last?.form["update_type"] == "1")
    }

    @Test(arguments: [nil, "", "777", "777:", ":11", "a:b", "1:2:3", "777 :11"])
    func badListingIsAnItemErrorAndSendsNothing(listing: String?) async throws {
        let fixture = EpinduoFixture()
        let results = try await fixture.adapter.completedStock([StockUpdate(sku: "YG-NUT-500", listing: listing, quantity: 1)])
        let error = try #require(results.first?.error)
        #expect(error.code == .validation)
        #expect(error.key == "listing")
        #expect(error.sku == "YG-NUT-500")
        #expect(fixture.log.all.isEmpty)
    }

    @Test func errorResponseWithHTTP200IsAValidationItemResult() async throws {
        let fixture = EpinduoFixture()
        fixture.sandbox.addFaults([EpinduoSandboxFault(type: stockType, skuID: "11", errorCode: 10000,
                                                       errorMessage: "goods in a promotion slot", subCode: "quantity")])
        let results = try await fixture.adapter.completedStock([StockUpdate(sku: "YG-NUT-500", listing: "777:11", quantity: 0)])
        let error = try #require(results.first?.error)
        #expect(error.code == .validation)
        #expect(error.key == "quantity")
        #expect(error.message.contains("goods in a promotion slot"))
        #expect(!error.message.contains(Fake.token))
        #expect(fixture.sandbox.state.stock["777:11"] == nil)
        // The fault was used once; the next call goes through.
        let again = try await fixture.adapter.completedStock([StockUpdate(sku: "YG-NUT-500", listing: "777:11", quantity: 0)])
        #expect(again.first?.error == nil)
    }

    @Test func withoutSubCodeTheKeyNamesTheErrorCode() async throws {
        let fixture = EpinduoFixture()
        fixture.sandbox.addFaults([EpinduoSandboxFault(type: stockType, errorCode: 12345, errorMessage: "nope")])
        let results = try await fixture.adapter.completedStock([StockUpdate(sku: "A", listing: "1:2", quantity: 1)])
        #expect(results.first?.error?.key == "error_code=12345")
    }

    @Test(arguments: [(70031, "any message"), (99999, "Calls too frequent, slow down"), (88888, "调用过于频繁")])
    func throttleThrowsRateLimited(code: Int, message: String) async throws {
        let fixture = EpinduoFixture()
        fixture.sandbox.addFaults([EpinduoSandboxFault(type: stockType, errorCode: code, errorMessage: message)])
        let error = try await #require(throws: MarketSyncError.self) {
            try await fixture.adapter.completedStock([StockUpdate(sku: "A", listing: "1:2", quantity: 1)])
        }
        #expect(error.code == .rateLimited)
        #expect(error.isRetryable)
        #expect(error.underlying is EpinduoErrorResponse)
    }

    @Test func http429CarriesRetryAfterAnd5xxIsUnavailable() async throws {
        let fixture = EpinduoFixture()
        fixture.sandbox.addFaults([
            EpinduoSandboxFault(type: stockType, errorCode: 70031, errorMessage: "slow", httpStatus: 429, retryAfter: 7),
            EpinduoSandboxFault(type: stockType, errorCode: 1, errorMessage: "down", httpStatus: 503),
        ])
        let throttled = try await #require(throws: MarketSyncError.self) {
            try await fixture.adapter.completedStock([StockUpdate(sku: "A", listing: "1:2", quantity: 1)])
        }
        #expect(throttled.code == .rateLimited)
        #expect(throttled.retryAfter == .seconds(7))
        let down = try await #require(throws: MarketSyncError.self) {
            try await fixture.adapter.completedStock([StockUpdate(sku: "A", listing: "1:2", quantity: 1)])
        }
        #expect(down.code == .channelUnavailable)
    }

    @Test func wrongSecretIsRejectedBySandboxAsUnauthorized() async throws {
        let fixture = EpinduoFixture(adapterSecret: "not-the-secret")
        let error = try await #require(throws: MarketSyncError.self) {
            try await fixture.adapter.completedStock([StockUpdate(sku: "A", listing: "1:2", quantity: 5)])
        }
        #expect(error.code == .unauthorized)
        #expect((error.underlying as? EpinduoErrorResponse)?.errorCode == 10019)
        #expect(!error.description.contains("not-the-secret"))
        #expect(fixture.sandbox.state.stock.isEmpty)
        #expect(fixture.sandbox.requestCount(stockType) == 1)
    }

    @Test func wrongTokenIsUnauthorized() async throws {
        let fixture = EpinduoFixture()
        let sandbox = EpinduoSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, accessToken: "other-token", clock: fixture.clock)
        let adapter = EpinduoFixture.adapter(to: sandbox, clock: fixture.clock, log: RequestLog())
        let error = try await #require(throws: MarketSyncError.self) {
            try await adapter.completedPrices([PriceUpdate(sku: "A", listing: "1:2", price: Money(minorUnits: 100, currency: .cny))])
        }
        #expect(error.code == .unauthorized)
        #expect((error.underlying as? EpinduoErrorResponse)?.errorCode == 10035)
    }

    @Test func pricesGroupByGoodsAndLandInFen() async throws {
        let fixture = EpinduoFixture()
        let results = try await fixture.adapter.completedPrices([
            PriceUpdate(sku: "JAM-1", listing: "500:1", price: Money(minorUnits: 3990, currency: .cny)),
            PriceUpdate(sku: "FISH-1", listing: "600:7", price: Money(minorUnits: 15800, currency: .cny)),
            PriceUpdate(sku: "JAM-2", listing: "500:2", price: Money(minorUnits: 4590, currency: .cny)),
        ])
        #expect(results.count == 3)
        #expect(results.allSatisfy { $0.error == nil })
        #expect(Set(results.map(\.sku)) == ["JAM-1", "JAM-2", "FISH-1"])
        #expect(fixture.sandbox.requestCount(priceType) == 2)
        let prices = fixture.sandbox.state.prices
        #expect(prices["500:1"]?.singlePrice == 3990 && prices["500:1"]?.groupPrice == 3990)
        #expect(prices["500:2"]?.singlePrice == 4590)
        #expect(prices["600:7"]?.groupPrice == 15800)
        #expect(prices["600:7"]?.isOnSale == true)
    }

    @Test func aFailedGoodsGroupDoesNotLoseTheOthers() async throws {
        let fixture = EpinduoFixture()
        fixture.sandbox.addFaults([
            EpinduoSandboxFault(type: priceType, goodsID: "500", errorCode: 10000, errorMessage: "price below floor", subCode: "group_price"),
            EpinduoSandboxFault(type: priceType, goodsID: "700", errorCode: 70031, errorMessage: "too frequent"),
        ])
        let results = try await fixture.adapter.completedPrices([
            PriceUpdate(sku: "JAM-1", listing: "500:1", price: Money(minorUnits: 1, currency: .cny)),
            PriceUpdate(sku: "JAM-2", listing: "500:2", price: Money(minorUnits: 2, currency: .cny)),
            PriceUpdate(sku: "FISH-1", listing: "600:7", price: Money(minorUnits: 15800, currency: .cny)),
            PriceUpdate(sku: "NUT-1", listing: "700:9", price: Money(minorUnits: 900, currency: .cny)),
            PriceUpdate(sku: "RUB-1", listing: "800:1", price: Money(minorUnits: 900, currency: .rub)),
        ])
        let bySKU = Dictionary(uniqueKeysWithValues: results.map { ($0.sku, $0.error) })
        #expect(bySKU.count == 5)
        #expect(bySKU["JAM-1"]??.code == .validation && bySKU["JAM-1"]??.key == "group_price")
        #expect(bySKU["JAM-2"]??.code == .validation && bySKU["JAM-2"]??.sku == "JAM-2")
        #expect(results.first { $0.sku == "FISH-1" }.map { $0.error == nil } == true)
        #expect(bySKU["NUT-1"]??.code == .rateLimited)
        #expect(bySKU["RUB-1"]??.key == "price")
        #expect(fixture.sandbox.state.prices.keys.sorted() == ["600:7"])
        #expect(fixture.sandbox.requestCount(priceType) == 3)
    }

    @Test func capabilitiesAreData() {
        let capabilities = EpinduoAdapter.capabilities()
        #expect(capabilities.stockBatchSize == 1 && capabilities.priceBatchSize == 20)
        #expect(capabilities.currency == .cny)
        #expect(capabilities.rateLimit == RateLimit(requestsPerSecond: 20, burst: 20))
        #expect(capabilities.orderWindow == OrderWindowPolicy(maxLength: .seconds(1800), lag: .seconds(180),
                                                              overlap: .seconds(120), initialLookback: .seconds(86_400)))
        #expect(capabilities.pushesStock && capabilities.pushesPrices && capabilities.pullsOrders && capabilities.confirmsShipments)
    }
}
