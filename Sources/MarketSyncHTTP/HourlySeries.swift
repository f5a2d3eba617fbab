public import Foundation

/// Cuts the last 24 hours into hourly buckets (UTC hours, the last one the current hour) and adds up each run's
/// pushes and failures into the bucket of the hour it started in.
public struct HourlySeries: Sendable {
    /// The buckets, oldest first.
    public private(set) var buckets: [HourBucket]
    private let first: Date

    /// 24 empty buckets ending with the hour of `now`.
    public init(endingAt now: Date, hours: Int = 24) {
        let hourStart = (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600
        first = Date(timeIntervalSince1970: hourStart - Double(hours - 1) * 3600)
        buckets = (0..<hours).map { HourBucket(hour: Date(timeIntervalSince1970: hourStart - Double(hours - 1 - $0) * 3600), pushed: 0, failed: 0) }
    }

    /// The instant the first bucket starts.
    public var start: Date { first }

    /// Adds a run that started at `date`; a run outside the buckets is ignored.
    public mutating func add(at date: Date, pushed: Int, failed: Int) {
        let index = Int(((date.timeIntervalSince1970 - first.timeIntervalSince1970) / 3600).rounded(.down))
        guard buckets.indices.contains(index) else { return }
        buckets[index].pushed += pushed
        buckets[index].failed += failed
    }
}
