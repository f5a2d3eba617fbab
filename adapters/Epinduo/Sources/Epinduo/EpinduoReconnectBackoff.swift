/// The wait before the message service is connected again (docs/channels.md, "Message service"): 1 second, doubling
/// after each failed attempt up to 60 seconds, each wait drawn between half and all of that (jitter, so many workers
/// that lost the service at once do not come back at once). A value type, tested without a network.
public struct EpinduoReconnectBackoff: Sendable, Hashable {
    /// The first wait.
    public static let first = Duration.seconds(1)
    /// The longest wait.
    public static let longest = Duration.seconds(60)

    /// Failed attempts in a row so far.
    public private(set) var failures = 0

    /// No failure yet.
    public init() {}

    /// The wait before the next attempt, given a draw in `0..<1`, and one more failure counted.
    public mutating func next(jitter: Double) -> Duration {
        let ceiling = Self.ceiling(failures: failures)
        failures += 1
        let share = 0.5 + 0.5 * min(max(jitter, 0), 1)
        return ceiling * share
    }

    /// A connection worked: the next failure waits the first wait again.
    public mutating func reset() {
        failures = 0
    }

    /// The upper bound of the wait after `failures` failures: 1 s × 2^failures, at most 60 s.
    static func ceiling(failures: Int) -> Duration {
        guard failures < 6 else { return longest }
        return min(first * (1 << failures), longest)
    }
}
