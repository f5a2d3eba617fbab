/// The worker's wait after a store failure: 1 s, doubling to at most 60 s, back to 1 s after a good run.
public struct StoreBackoff: Sendable {
    /// The first wait (default 1 s).
    public let initial: Duration
    /// The longest wait (default 60 s).
    public let maximum: Duration
    private var current: Duration?

    /// A backoff whose next wait is `initial`.
    public init(initial: Duration = .seconds(1), maximum: Duration = .seconds(60)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The wait before the next attempt.
    public mutating func next() -> Duration {
        let delay = current.map { min($0 * 2, maximum) } ?? initial
        current = delay
        return delay
    }

    /// A run went through.
    public mutating func reset() { current = nil }
}
