public import MarketSync

/// Whether the worker is ready (`/readyz`): the store can be read, and not every channel's last run failed.
public struct Readiness: Sendable, Codable, Hashable {
    /// True: 200; false: 503.
    public var ready: Bool
    /// Why not, for a person (nil when ready).
    public var reason: String?
    /// Each configured channel's last run status (`ok`, `failed`, `credentials_rejected`, ...), or `none` before
    /// its first run.
    public var channels: [String: String]

    /// The statuses of a last run that count as down: some items failed, or the channel stopped (credentials
    /// rejected, unreachable, another stop). `ok`, `skipped` (another process holds the lease) and `interrupted`
    /// (a shutdown) do not.
    public static let failing: Set<String> = ["failed", "credentials_rejected", "unreachable", "stopped"]

    /// Ready unless every channel has a last run and each one's status is `failing`. No channel, or a channel that
    /// has not run yet, keeps the worker ready.
    public static func judge(lastStatus: [(channel: ChannelID, status: String?)]) -> Readiness {
        let statuses = Dictionary(lastStatus.map { ($0.channel.rawValue, $0.status ?? "none") }, uniquingKeysWith: { first, _ in first })
        let down = lastStatus.filter { $0.status.map(failing.contains) ?? false }
        guard !lastStatus.isEmpty, down.count == lastStatus.count else {
            return Readiness(ready: true, reason: nil, channels: statuses)
        }
        let list = down.map { "\($0.channel) \($0.status ?? "")" }.joined(separator: ", ")
        return Readiness(ready: false, reason: "every channel's last run failed: \(list)", channels: statuses)
    }

    /// Not ready: the store cannot be read (`message` says why, without secrets).
    public static func storeUnreachable(_ message: String) -> Readiness {
        Readiness(ready: false, reason: "store unreachable: \(message)", channels: [:])
    }

    enum CodingKeys: String, CodingKey {
        case ready, reason, channels
    }
}
