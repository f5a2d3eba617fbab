/// How a worker runs, beyond its configuration.
public struct WorkerOptions: Sendable {
    /// `--interval`: the interval of every kind a channel's `schedule` does not name (nil: `worker.interval`).
    public var interval: Duration?
    /// `--max-runs`: stop after this many runs (drills and tests); nil: run until stopped.
    public var maxRuns: Int?
    /// How often the sources' modification times and sizes are looked at (default 1 s).
    public var sourcePoll: Duration

    /// Options; by default the config's interval, no run limit, sources polled every second.
    public init(interval: Duration? = nil, maxRuns: Int? = nil, sourcePoll: Duration = .seconds(1)) {
        self.interval = interval
        self.maxRuns = maxRuns
        self.sourcePoll = sourcePoll
    }
}
