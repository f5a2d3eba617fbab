import Testing
@testable import MarketSync

@Suite struct BackoffTests {
    @Test func delaysGrowExponentiallyWithJitterAndStop() {
        var backoff = Backoff(policy: RetryPolicy(maxAttempts: 5, initialDelay: .milliseconds(400), maxDelay: .seconds(2)), seed: 42)
        var delays: [Int64] = []
        while let delay = backoff.delay() { delays.append(delay.milliseconds) }
        #expect(delays.count == 4)
        // Ceilings 400, 800, 1600, 2000 (capped); full jitter keeps each in [ceiling/2, ceiling].
        for (delay, ceiling) in zip(delays, [400, 800, 1600, 2000] as [Int64]) {
            #expect(delay >= ceiling / 2 && delay <= ceiling)
        }
    }

    @Test func retryAfterLongerThanTheBackoffWins() {
        var backoff = Backoff(policy: RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(100)), seed: 1)
        #expect(backoff.delay(retryAfter: .seconds(7)) == .seconds(7))
    }

    @Test func sameSeedSameDelays() {
        var a = Backoff(policy: RetryPolicy(), seed: 9)
        var b = Backoff(policy: RetryPolicy(), seed: 9)
        #expect(a.delay() == b.delay())
        #expect(a.delay() == b.delay())
    }
}
