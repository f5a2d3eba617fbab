@testable import Epinduo
@testable import EpinduoSandbox
import Foundation
import MarketSync
import MarketSyncTesting
import Testing

/// A 200 whose body cannot be read is a transient failure, reported short and without secrets or buyer data.
@Suite("Epinduo garbled answers")
struct EpinduoGarbledResponseTests {
    func stockError(body: String, status: Int = 200) async throws -> MarketSyncError {
        let transport = HandlerTransport { _ in WireResponse(status: status, body: Data(body.utf8)) }
        let adapter = EpinduoFixture.adapter(transport: transport, clock: ManualClock())
        return try await #require(throws: MarketSyncError.self) {
            try await adapter.completedStock([StockUpdate(sku: "A", listing: "1:2", quantity: 1)])
        }
    }

    @Test(arguments: [
        "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
        #"{"goods_quantity_update_response":{"is_succ"#,
        "",
        "[1, 2]",
    ])
    func aBodyThatIsNotAJSONObjectIsRetryable(body: String) async throws {
        let error = try await stockError(body: body)
        #expect(error.code == .garbledResponse)
        #expect(error.isRetryable)
        #expect(error.channel == "epinduo" && error.sku == "A")
        #expect(error.message.hasPrefix("epinduo pdd.goods.quantity.update: HTTP 200 with a body that is not JSON (\(body.utf8.count) bytes)"))
    }

    @Test func theMessageQuotesAShortMaskedExcerpt() async throws {
        let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>token=\(Fake.token) secret=\(Fake.secret) "
            + "phone 13800001111 " + String(repeating: "padding ", count: 40) + "</body></html>"
        let error = try await stockError(body: page)
        let quoted = try #require(error.message.split(separator: "\"", maxSplits: 1).last.map { String($0.dropLast()) })
        #expect(quoted.hasPrefix("<html> <head><title>502 Bad Gateway</title></head> <body>token=<redacted>"))
        #expect(quoted.count <= 80 && quoted.hasSuffix("…"))
        #expect(!error.message.contains(Fake.token) && !error.message.contains(Fake.secret))
        #expect(error.message.count < 200)
        let phone = try await stockError(body: "<p>call 13800001111</p>")
        #expect(phone.message.hasSuffix(#""<p>call <digits></p>""#))
    }

    @Test func aGarbledErrorStatusStaysWhatTheStatusSays() async throws {
        #expect(try await stockError(body: "<html>busy</html>", status: 503).code == .channelUnavailable)
        #expect(try await stockError(body: "<html>not here</html>", status: 404).code == .protocolViolation)
        #expect(try await stockError(body: "<html>who</html>", status: 401).code == .unauthorized)
    }

    @Test func aGarbledPriceAnswerIsARetryableItemErrorOfEachSKUOfTheGoods() async throws {
        let fixture = EpinduoFixture()
        fixture.sandbox.addFaults([EpinduoSandboxFault(type: "pdd.goods.sku.price.update", goodsID: "500", garble: .truncated)])
        let results = try await fixture.adapter.completedPrices([
            PriceUpdate(sku: "JAM-1", listing: "500:1", price: Money(minorUnits: 3990, currency: .cny)),
            PriceUpdate(sku: "JAM-2", listing: "500:2", price: Money(minorUnits: 4590, currency: .cny)),
        ])
        #expect(results.count == 2)
        #expect(results.allSatisfy { $0.error?.code == .garbledResponse && $0.error?.isRetryable == true })
        // The call was served before its answer was cut: sending it again sets the same values.
        #expect(fixture.sandbox.state.prices["500:1"]?.singlePrice == 3990)
    }

    @Test func aGarbledOrderListThrowsRetryable() async throws {
        let fixture = EpinduoFixture()
        fixture.sandbox.addFaults([EpinduoSandboxFault(type: "pdd.order.number.list.increment.get", garble: .html)])
        let window = OrderWindow(start: Date(timeIntervalSince1970: 1_704_067_200), end: Date(timeIntervalSince1970: 1_704_067_260))
        let error = try await #require(throws: MarketSyncError.self) { try await fixture.adapter.pullOrders(in: window, after: nil) }
        #expect(error.code == .garbledResponse)
        #expect(error.message.contains("pdd.order.number.list.increment.get"))
        #expect(try await fixture.adapter.pullOrders(in: window, after: nil).next == nil)
    }
}
