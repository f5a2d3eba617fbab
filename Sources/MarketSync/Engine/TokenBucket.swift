internal import Foundation

/// A per-channel token bucket: `rate` tokens a second up to `burst`; `acquire()` waits on the injected clock
/// until a token is free. A channel's "slow down" (Retry-After, an exhausted quota with its reset time) pauses
/// the bucket for everyone sending to that channel. Wall time comes from the clock, so tests drive it by hand.
public actor TokenBucket {
    private let rate: Double
    private let burst: Double
    private let clock: any SyncClock
    private var tokens: Double
    private var last: Double
    private var pausedUntil: Double = 0

    /// A full bucket for `limit`, timed by `clock`. A rate at or below 0 counts as 0.001 a second, a burst below 1
    /// as 1.
    public init(limit: RateLimit, clock: any SyncClock) {
        self.rate = max(limit.requestsPerSecond, 0.001)
        self.burst = Double(max(limit.burst, 1))
        self.clock = clock
        self.tokens = Double(max(limit.burst, 1))
        self.last = clock.now().timeIntervalSince1970
    }

    /// Waits until a request may be sent, then takes its token.
    public func acquire() async throws {
        while true {
            let now = clock.now().timeIntervalSince1970
            if now < pausedUntil {
                try await clock.sleep(for: .milliseconds(Int64(((pausedUntil - now) * 1000).rounded(.up))))
                continue
            }
            tokens = min(burst, tokens + (now - last) * rate)
            last = now
            if tokens >= 1 {
                tokens -= 1
                return
            }
            let wait = (1 - tokens) / rate
            try await clock.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up))))
        }
    }

    /// Sends nothing before `seconds` from now, and starts again from an empty bucket then.
    public func pause(for seconds: Double) {
        let now = clock.now().timeIntervalSince1970
        pausedUntil = max(pausedUntil, now + seconds)
        tokens = 0
        last = pausedUntil
    }
}
