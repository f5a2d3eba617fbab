public import MarketSync

/// A channel sandbox's own rate limit, as a platform enforces one per app or seller: a token bucket refilled at
/// `requestsPerSecond` on the wall time of the sandbox's injected clock, holding at most `burst` tokens, full at
/// start. A value type deciding one call at a time; a sandbox keeps it under its state lock. Shared by the
/// sandboxes that throttle with a `Retry-After` (Epinduo, Walmart).
public struct SandboxThrottle: Sendable, Hashable {
    /// What one call may do.
    public enum Decision: Sendable, Hashable {
        /// The call took a token and is served.
        case allowed
        /// The call is over the limit; a token is free again after this many whole seconds (rounded up, ≥ 1).
        case throttled(retryAfterSeconds: Int)
    }

    /// The limit enforced.
    public let limit: RateLimit
    private var tokens: Double
    /// Microseconds: a `Date` read near 2024 carries ~0.2 µs of rounding, which whole microseconds absorb.
    private var last: Int64?

    /// A full bucket for `limit` (a rate of at most 0 is treated as a tiny positive one; a burst below 1 as 1).
    public init(limit: RateLimit) {
        self.limit = limit
        self.tokens = Double(max(limit.burst, 1))
    }

    /// Takes a token for a call arriving at `seconds` (Unix seconds of the clock) if one is free.
    ///
    /// Time that runs backwards (two calls that read the clock in one order and took the lock in the other)
    /// adds no tokens and takes none away.
    public mutating func take(atUnixSeconds seconds: Double) -> Decision {
        let rate = max(limit.requestsPerSecond, 0.001)
        let burst = Double(max(limit.burst, 1))
        let micros = Int64((seconds * 1_000_000).rounded())
        if let last, micros > last {
            tokens = min(burst, tokens + Double(micros - last) * rate / 1_000_000)
        }
        last = max(last ?? micros, micros)
        // The tolerance absorbs rounding in `elapsed × rate` (0.1 s × 10/s must make exactly one token).
        if tokens >= 1 - 1e-9 {
            tokens = max(0, tokens - 1)
            return .allowed
        }
        let wait = (1 - tokens) / rate
        return .throttled(retryAfterSeconds: max(1, Int(wait.rounded(.up))))
    }
}
