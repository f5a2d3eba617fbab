public import Foundation
public import MarketSync

/// When each channel's stock, prices and orders are next due: a value type the worker asks "what is due now?"
/// and tells "this ran", tested without a clock.
public struct WorkerSchedule: Sendable, Hashable {
    /// Each channel's interval per kind of work.
    public private(set) var intervals: [ChannelID: [WorkKind: Duration]]
    private var due: [ChannelID: [WorkKind: Date]]

    /// Every channel of `configuration` with every kind due at `start`. A kind runs on the channel's
    /// `schedule.<kind>`, else its `schedule.every`, else `defaultInterval` (`--interval` or `worker.interval`).
    public init(_ configuration: SyncConfiguration, defaultInterval: Duration, start: Date) {
        intervals = Self.intervals(configuration, defaultInterval: defaultInterval)
        due = intervals.mapValues { kinds in kinds.mapValues { _ in start } }
    }

    /// Takes a new configuration (a reload): channels and kinds it keeps stay due when they were, each moved no
    /// later than `now` + its new interval; new channels are due at `now`; removed ones are dropped.
    public mutating func reconfigure(_ configuration: SyncConfiguration, defaultInterval: Duration, at now: Date) {
        intervals = Self.intervals(configuration, defaultInterval: defaultInterval)
        var next: [ChannelID: [WorkKind: Date]] = [:]
        for (channel, kinds) in intervals {
            for (kind, interval) in kinds {
                let limit = now.addingTimeInterval(interval.timeInterval)
                next[channel, default: [:]][kind] = min(due[channel]?[kind] ?? now, limit)
            }
        }
        due = next
    }

    /// The work due at `now`, per channel (empty when nothing is).
    public func dueWork(at now: Date) -> [ChannelID: Set<WorkKind>] {
        var work: [ChannelID: Set<WorkKind>] = [:]
        for (channel, kinds) in due {
            let dueKinds = Set(kinds.filter { $0.value <= now }.keys)
            if !dueKinds.isEmpty { work[channel] = dueKinds }
        }
        return work
    }

    /// `work` ran (or was tried) at `now`: each kind is next due one interval later.
    public mutating func ran(_ work: [ChannelID: Set<WorkKind>], at now: Date) {
        for (channel, kinds) in work {
            for kind in kinds {
                guard let interval = intervals[channel]?[kind] else { continue }
                due[channel]?[kind] = now.addingTimeInterval(interval.timeInterval)
            }
        }
    }

    /// The earliest time anything is due; nil when no channel is configured.
    public var nextDue: Date? {
        due.values.flatMap(\.values).min()
    }

    /// When `kind` of `channel` is next due.
    public func nextDue(_ channel: ChannelID, _ kind: WorkKind) -> Date? {
        due[channel]?[kind]
    }

    private static func intervals(_ configuration: SyncConfiguration, defaultInterval: Duration) -> [ChannelID: [WorkKind: Duration]] {
        var intervals: [ChannelID: [WorkKind: Duration]] = [:]
        for channel in configuration.channels {
            for kind in WorkKind.allCases {
                intervals[channel.id, default: [:]][kind] = channel.interval(for: kind, fallback: defaultInterval)
            }
        }
        return intervals
    }
}
