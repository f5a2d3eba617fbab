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

/// The platform's common error codes, as its API pages list them (docs/channels.md, "Errors"), map by meaning.
@Suite struct EpinduoErrorCodeTests {
    @Test(arguments: [
        (10016, MarketSyncError.Code.unauthorized), (10019, .unauthorized), (20004, .unauthorized), (20005, .unauthorized),
        (20031, .unauthorized), (20032, .unauthorized), (10035, .unauthorized),
        (70031, .rateLimited), (52101, .rateLimited),
        (52102, .channelUnavailable), (52103, .channelUnavailable), (70033, .channelUnavailable),
        (10000, .validation), (50001, .validation),
    ])
    func platformCodesMapByMeaning(code: Int, expected: MarketSyncError.Code) {
        let error = EpinduoErrorMapper(channel: "epinduo").error(for: EpinduoErrorResponse(errorCode: code, errorMessage: "message"))
        #expect(error.code == expected)
    }

    @Test func theRequestIDTravelsAsItsOwnField() {
        let error = EpinduoErrorMapper(channel: "epinduo").error(
            for: EpinduoErrorResponse(errorCode: 50001, errorMessage: "goods under review", requestID: "15843961235678"))
        #expect(error.channelRequestID == "15843961235678")
        #expect(!error.message.contains("15843961235678"))
    }
}
