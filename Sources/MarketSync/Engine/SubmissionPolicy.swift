/// How the engine asks a channel about a batch it took for later processing: the first question after
/// `firstPoll`, each next one twice as late up to `maxInterval`; within one run it waits at most `waitInRun`
/// (the receipts stay in the store, so the next run goes on asking).
public struct SubmissionPolicy: Sendable, Hashable {
    /// The wait before the first question (default 2 s).
    public var firstPoll: Duration
    /// The longest wait between two questions (default 60 s).
    public var maxInterval: Duration
    /// How long one run goes on asking before it leaves the rest to the next run (default 120 s).
    public var waitInRun: Duration

    /// A policy with the defaults above unless given.
    public init(firstPoll: Duration = .seconds(2), maxInterval: Duration = .seconds(60), waitInRun: Duration = .seconds(120)) {
        self.firstPoll = firstPoll
        self.maxInterval = maxInterval
        self.waitInRun = waitInRun
    }

    /// The wait before the next question, after `polls` questions answered "still processing".
    public func delay(afterPolls polls: Int) -> Duration {
        var delay = firstPoll
        for _ in 0..<min(max(polls, 0) + 1, 30) {
            delay = min(delay * 2, maxInterval)
            if delay == maxInterval { break }
        }
        return delay
    }
}
