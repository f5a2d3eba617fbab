/// How the engine asks a channel about a batch it took for later processing: the first question after
/// `firstPoll`, each next one twice as late up to `maxInterval`; within one run it waits at most `waitInRun`
/// (the receipts stay in the store, so the next run goes on asking).
public struct SubmissionPolicy: Sendable, Hashable {
    public var firstPoll: Duration
    public var maxInterval: Duration
    public var waitInRun: Duration

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
