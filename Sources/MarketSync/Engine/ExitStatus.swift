/// What a run's exit code tells a script, most urgent first when several apply.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything went through and nothing waits for a person.
    case ok = 0
    /// Some catalog rows were rejected, or some items failed or stayed queued after their retries.
    case failures = 1
    /// Usage, config, source or cassette error; or a channel's lease is held (`--no-wait`): nothing was sent.
    case usage = 2
    /// This run went through, but things wait for a person: held prices, parked items, order incidents.
    case attention = 3
    /// A channel rejected the credentials or could not be reached.
    case channelDown = 4
    /// Stopped on SIGINT or SIGTERM; the batches in flight finished and the run is recorded as interrupted.
    case interrupted = 130

    /// A word for summaries and the JSON: `ok`, `failures`, ...
    public var label: String {
        switch self {
        case .ok: "ok"
        case .failures: "failures"
        case .usage: "usage_or_config_error"
        case .attention: "attention_needed"
        case .channelDown: "channel_down"
        case .interrupted: "interrupted"
        }
    }

    /// One line per code, for `--help` and the README.
    public static let reference = """
        0 everything went through and nothing waits for a person
        1 some catalog rows were rejected, or some items failed or stay queued after their retries
        2 usage, config, source or cassette error, or a channel busy with --no-wait: nothing was sent
        3 this run went through, but held prices, parked items or order incidents wait for a person
        4 a channel rejected the credentials or could not be reached
        130 stopped by SIGINT or SIGTERM after the batches in flight finished (the run is recorded as interrupted)
        """
}
