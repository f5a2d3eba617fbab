internal import Synchronization

/// A channel's transport behind its token bucket: every request (not every adapter call: one price batch may be
/// many requests) takes a token, and the channel's own signals pause the bucket — `Retry-After` on any response,
/// and a quota reported exhausted (`X-RateLimit-Remaining: 0` with `X-RateLimit-Reset` seconds).
public struct RateLimitedTransport: Transport {
    /// The transport requests go through once they have a token.
    public let base: any Transport
    /// The channel's bucket: one per channel, shared by all of its batches in flight.
    public let bucket: TokenBucket
    /// Counts the requests sent, for the run summary.
    public let counter: RequestCounter

    /// Paces `base` with `bucket`, counting requests in `counter`.
    public init(base: any Transport, bucket: TokenBucket, counter: RequestCounter = RequestCounter()) {
        self.base = base
        self.bucket = bucket
        self.counter = counter
    }

    /// Waits for a token, sends, and pauses the bucket when the response asks for it. Throws what `base` throws,
    /// or `CancellationError` while waiting for a token.
    public func send(_ request: WireRequest) async throws -> WireResponse {
        try await bucket.acquire()
        counter.increment()
        let response = try await base.send(request)
        if let pause = Self.pause(in: response) { await bucket.pause(for: pause) }
        return response
    }

    /// Seconds the channel asked us to wait, if it did.
    static func pause(in response: WireResponse) -> Double? {
        if let retryAfter = response.header("Retry-After").flatMap({ Double($0.trimmingWhitespace()) }), retryAfter > 0 {
            return retryAfter
        }
        if response.header("X-RateLimit-Remaining")?.trimmingWhitespace() == "0",
           let reset = response.header("X-RateLimit-Reset").flatMap({ Double($0.trimmingWhitespace()) }), reset > 0, reset < 3600 {
            return reset
        }
        return nil
    }
}

/// How many requests a channel's transport sent (retries included).
public final class RequestCounter: Sendable {
    private let count = Atomic<Int>(0)
    /// A counter at 0.
    public init() {}
    func increment() { count.add(1, ordering: .relaxed) }
    /// Requests counted so far; the engine reads it before and after a run for that run's count.
    public var value: Int { count.load(ordering: .relaxed) }
}
