public import Foundation

/// Pauses a channel after `threshold` consecutive failed sends, for `cooldown`; then lets one trial through
/// (half-open): success closes it, failure opens it again. A value-type state machine; `CircuitBreakerBox`
/// shares it between runs of a worker.
public struct CircuitBreaker: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        case closed(failures: Int)
        case open(until: Date)
        case halfOpen
    }

    public let threshold: Int
    public let cooldown: Duration
    public private(set) var state: State = .closed(failures: 0)

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
    public init(_ breaker: CircuitBreaker) { self.breaker = breaker }
    func allows(at now: Date) -> Bool { breaker.allows(at: now) }
    func recordSuccess() { breaker.recordSuccess() }
    public func recordFailure(at now: Date) -> Bool { breaker.recordFailure(at: now) }
    public var state: CircuitBreaker.State { breaker.state }
}
