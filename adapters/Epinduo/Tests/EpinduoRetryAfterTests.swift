import Foundation
import Testing
import MarketSync
@testable import Epinduo

@Suite struct EpinduoRetryAfterTests {
    @Test func aThrottleAnsweredWithHTTP200KeepsItsRetryAfter() {
        let body = Data(#"{"error_response":{"error_code":70031,"error_msg":"call too frequent"}}"#.utf8)
        let response = WireResponse(status: 200, headers: [HeaderField("Retry-After", "4")], body: body)
        do {
            _ = try EpinduoErrorMapper(channel: "epinduo").envelope(of: response, method: "pdd.goods.quantity.update")
            Issue.record("a throttle must throw")
        } catch {
            #expect(error.code == .rateLimited)
            #expect(error.retryAfter == .seconds(4))
        }
    }
}
