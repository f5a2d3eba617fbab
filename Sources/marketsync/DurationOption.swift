import ArgumentParser
import MarketSyncConfig

/// A duration given on the command line, in the same grammar as the config and scenarios (`DurationText`).
enum DurationOption {
    /// The duration, or a usage error (exit 2) naming the option and what is wrong.
    static func parse(_ text: String, option: String) throws -> Duration {
        switch DurationText.parse(text) {
        case let .success(duration): return duration
        case let .failure(problem): throw ValidationError("\(option) \"\(text)\" \(problem)")
        }
    }
}
