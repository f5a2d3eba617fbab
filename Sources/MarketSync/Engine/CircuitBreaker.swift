public import Foundation

/// Pauses a channel after `threshold` consecutive failed sends, for `cooldown`; then lets one trial through
/// (half-open): success closes it, failure opens it again. A value-type state machine; `CircuitBreakerBox`
/// shares it between runs of a worker.
public struct CircuitBreaker: Sendable, Hashable {
    /// Where the breaker is.
    public enum State: Sendable, Hashable {
        /// Sends go; `failures` consecutive sends have failed so far (fewer than `threshold`).
        case closed(failures: Int)
        /// No send goes before `until` (the failure that opened it, plus `cooldown`).
        case open(until: Date)
        /// The cooldown is over and sends go again; the next outcome decides: a success closes the circuit, a failure
        /// opens it again.
        case halfOpen
    }

    /// Consecutive failed sends that open the circuit; at least 1.
    public let threshold: Int
    /// How long the circuit stays open before sends are tried again.
    public let cooldown: Duration
    /// The current state; it changes only through `allows(at:)`, `recordSuccess()` and `recordFailure(at:)`.
    public private(set) var state: State = .closed(failures: 0)

    /// A closed breaker; a threshold below 1 counts as 1.
    public init(threshold: Int = 5, cooldown: Duration = .seconds(300)) {
        self.threshold = max(1, threshold)
        self.cooldown = cooldown
    }

    /// Whether a send may go out now (moves open → half-open once the cooldown has passed).
    mutating func allows(at now: Date) -> Bool {
        switch state {
        case .closed, .halfOpen: return true
        case let .open(until):
            guard now >= until else { return false }
            state = .halfOpen
            return true
        }
    }

    /// Records a send that went through.
    mutating func recordSuccess() { state = .closed(failures: 0) }

    /// Records a failed send; returns true when this opened the circuit.
    public mutating func recordFailure(at now: Date) -> Bool {
        switch state {
        case let .closed(failures) where failures + 1 < threshold:
            state = .closed(failures: failures + 1)
            return false
        case .open:
            return false
        default:
            state = .open(until: now.addingTimeInterval(cooldown.timeInterval))
            return true
        }
    }

    var isOpen: Bool { if case .open = state { true } else { false } }
}

/// A circuit breaker shared by the runs of one channel in a process.
actor CircuitBreakerBox {
    private var breaker: CircuitBreaker
    /// A box starting from `breaker`'s state.
    public init(_ breaker: CircuitBreaker) { self.breaker = breaker }
    func allows(at now: Date) -> Bool { breaker.allows(at: now) }
    func recordSuccess() { breaker.recordSuccess() }
    /// Records a failed send; true when this opened the circuit.
    public func recordFailure(at now: Date) -> Bool { breaker.recordFailure(at: now) }
    /// The breaker's current state.
    public var state: CircuitBreaker.State { breaker.state }
}
