internal import Foundation

/// The health probe over a status report (`marketsync status --check`, Nagios style): healthy when every channel's
/// last run succeeded and finished within 3 × its interval.
public struct StatusCheck: Sendable, Hashable {
    /// Whether every channel is healthy (exit 0; else 1).
    public var healthy: Bool
    /// One line: `MARKETSYNC OK - ...` or `MARKETSYNC CRITICAL - <channel>: <why>; ...`.
    public var line: String

    /// Judges `report` at its time.
    public init(_ report: StatusReport) {
        var problems: [String] = []
        for channel in report.channels {
            let limit = TimeInterval(channel.intervalSeconds * 3)
            guard let last = channel.lastRuns.first(where: { $0.finishedAt != nil }), let finished = last.finishedAt else {
                problems.append("\(channel.channel): no finished run")
                continue
            }
            if !last.succeeded {
                problems.append("\(channel.channel): last run \(last.runID) \(last.status)")
            }
            let age = report.at.timeIntervalSince(finished)
            if age > limit {
                problems.append("\(channel.channel): last run \(last.runID) finished \(Self.span(age)) ago, limit \(Self.span(limit))")
            }
        }
        healthy = problems.isEmpty
        line = healthy
            ? "MARKETSYNC OK - \(report.channels.count) channel(s) synced within 3x their interval"
            : "MARKETSYNC CRITICAL - " + problems.joined(separator: "; ")
    }

    /// `45s`, `12m`, `3h5m`.
    static func span(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m" }
        let minutes = (total % 3600) / 60
        return "\(total / 3600)h" + (minutes > 0 ? "\(minutes)m" : "")
    }
}
