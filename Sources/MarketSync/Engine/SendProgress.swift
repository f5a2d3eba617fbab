internal import Foundation
internal import Logging

/// Says how far a long send has come, every `interval` of the run's clock: done/total, the rate and the time
/// left. A first push of 20,000 SKUs at 20 requests a second takes half an hour; it must not be silent.
struct SendProgress {
    /// Sends of at least this many items announce themselves when they start.
    static let reportAbove = 1000
    let total: Int
    let start: Date
    let interval: TimeInterval
    private(set) var done = 0
    private var lastReport: Date

    init(total: Int, start: Date, interval: TimeInterval = 10) {
        self.total = total
        self.start = start
        self.interval = interval
        lastReport = start
    }

    /// Counts `count` more items; returns the line it logged, if it was time for one.
    @discardableResult
    mutating func advance(by count: Int, now: Date, logger: Logger, channel: ChannelID) -> String? {
        done += count
        guard done < total, now.timeIntervalSince(lastReport) >= interval else { return nil }
        lastReport = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(total - done) / rate : 0
        let line = "\(done)/\(total) sent, \(Self.format(rate))/s, about \(Self.duration(left)) left"
        logger.notice("sending", metadata: [
            LogKey.channel: "\(channel)", LogKey.done: "\(done)", LogKey.total: "\(total)",
            LogKey.ratePerSecond: "\(Self.format(rate))", LogKey.secondsLeft: "\(Int(left.rounded()))",
        ])
        return line
    }

    static func format(_ rate: Double) -> String {
        rate >= 10 ? String(Int(rate.rounded())) : String(format: "%.1f", rate)
    }

    /// `1h 05m`, `12m 30s`, `45s`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let hours = total / 3600, minutes = total % 3600 / 60, secs = total % 60
        if hours > 0 { return "\(hours)h \(minutes < 10 ? "0" : "")\(minutes)m" }
        if minutes > 0 { return "\(minutes)m \(secs < 10 ? "0" : "")\(secs)s" }
        return "\(secs)s"
    }
}
