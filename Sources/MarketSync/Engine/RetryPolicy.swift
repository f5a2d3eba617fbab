/// How transient failures are retried: exponential backoff, capped, with jitter (each wait is drawn uniformly
/// between half and all of the capped ceiling), honouring the channel's `Retry-After` when it is longer.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// The ceiling of the first wait (default 500 ms); it doubles with each further attempt.
    public var initialDelay: Duration
    /// The cap on that ceiling (default 30 s); a longer `Retry-After` still wins.
    public var maxDelay: Duration

    /// A policy; fewer than 1 attempt counts as 1.
    public init(maxAttempts: Int = 5, initialDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30)) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }
}

/// The retry state of one call, as a value: feed it each failure, it says how long to wait or to give up.
struct Backoff: Sendable {
    /// The policy it follows.
    public let policy: RetryPolicy
    /// Attempts made so far, the first included.
    public private(set) var attempts = 1
    private var random: SplitMix64

    /// The state after the first attempt; `seed` makes the jitter reproducible.
    public init(policy: RetryPolicy, seed: UInt64) {
        self.policy = policy
        self.random = SplitMix64(seed: seed)
    }

    /// After a failed attempt: the delay before the next one, or nil when attempts are used up.
    public mutating func delay(retryAfter: Duration? = nil) -> Duration? {
        guard attempts < policy.maxAttempts else { return nil }
        // Exponential ceiling: initial × 2^(attempt-1), capped; full jitter picks uniformly in [ceiling/2, ceiling].
        let exponent = min(attempts - 1, 20)
        var ceiling = policy.initialDelay * (1 << exponent)
        if ceiling > policy.maxDelay { ceiling = policy.maxDelay }
        let ceilingMillis = max(ceiling.milliseconds, 1)
        let jittered = ceilingMillis / 2 + Int64(random.next() % UInt64(ceilingMillis / 2 + 1))
        attempts += 1
        var wait = Duration.milliseconds(jittered)
        if let retryAfter, retryAfter > wait { wait = retryAfter }
        return wait
    }
}

extension Duration {
    /// Whole milliseconds.
    public var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

/// A small, fast, seedable generator (Steele, Lea, Flood 2014) so jitter is reproducible in tests.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }
    /// The next 64 pseudo-random bits (not for anything secret).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
