import Foundation
import Testing
@testable import MarketSync
import MarketSyncTesting
import Synchronization

@Suite struct RateLimitedTransportTests {
    let start = Date(timeIntervalSince1970: 1_795_000_000)
    let request = WireRequest(method: "POST", url: URL(string: "http://127.0.0.1/api/router")!)

    @Test func everyRequestTakesATokenSoTheRateHoldsOnTheInjectedClock() async throws {
        let clock = SteppingClock(now: start)
        let transport = RateLimitedTransport(base: HandlerTransport { _ in WireResponse(status: 200) },
                                             bucket: TokenBucket(limit: RateLimit(requestsPerSecond: 10, burst: 2), clock: clock))
        for _ in 0..<12 { _ = try await transport.send(request) }
        // Two from the burst, then ten at 10 per second: one second of waiting in all.
        let waited = clock.now().timeIntervalSince(start)
        #expect(waited >= 0.99 && waited <= 1.01)
    }

    @Test func retryAfterAndAnExhaustedQuotaPauseTheBucket() async throws {
        let clock = SteppingClock(now: start)
        let answers = [WireResponse(status: 200, headers: [HeaderField("Retry-After", "3")]),
                       WireResponse(status: 200, headers: [HeaderField("X-RateLimit-Remaining", "0"), HeaderField("X-RateLimit-Reset", "5")]),
                       WireResponse(status: 200)]
        let counter = Counter()
        let transport = RateLimitedTransport(base: HandlerTransport { _ in answers[min(counter.next(), 2)] },
                                             bucket: TokenBucket(limit: RateLimit(requestsPerSecond: 1000, burst: 100), clock: clock))
        _ = try await transport.send(request)   // asks for 3 s
        _ = try await transport.send(request)   // waits 3 s, then the quota is out for 5 s
        _ = try await transport.send(request)   // waits 5 s
        #expect(clock.now().timeIntervalSince(start) >= 8)
    }
}

/// A thread-safe counter for handlers.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int {
        value.withLock { count in
            count += 1
            return count - 1
        }
    }
}
