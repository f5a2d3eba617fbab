public import Foundation

/// Who holds (or wants) a channel lease: one process, named so a person can find it.
public struct LeaseHolder: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Unique per process run; the store compares holders by this alone.
    public var id: String
    /// The holder's process id, for people.
    public var pid: Int32
    /// The holder's host name, for people.
    public var host: String
    /// When the holder was made (its process's `ChannelLeases` started), not when it took any one lease.
    public var since: Date

    /// A holder; only `id` decides whether two holders are the same.
    public init(id: String, pid: Int32, host: String, since: Date) {
        self.id = id
        self.pid = pid
        self.host = host
        self.since = since
    }

    /// This process, with a fresh id.
    static func currentProcess(at date: Date) -> LeaseHolder {
        LeaseHolder(id: UUID().uuidString, pid: ProcessInfo.processInfo.processIdentifier,
                    host: ProcessInfo.processInfo.hostName, since: date)
    }

    /// `pid 4242 on host-a since 2026-11-28T05:14:21Z`.
    public var description: String {
        "pid \(pid) on \(host) since \(since.formatted(.iso8601))"
    }
}

/// A lease as the store holds it.
public struct ChannelLease: Sendable, Hashable {
    /// The channel leased: one holder per channel per store.
    public var channel: ChannelID
    /// The process holding it; the store compares holders by `id` alone.
    public var holder: LeaseHolder
    /// When it lapses unless renewed; from then on another process may take it over.
    public var expiresAt: Date
    /// A lease of `channel` held by `holder` until `expiresAt`.
    public init(channel: ChannelID, holder: LeaseHolder, expiresAt: Date) {
        self.channel = channel
        self.holder = holder
        self.expiresAt = expiresAt
    }
}
