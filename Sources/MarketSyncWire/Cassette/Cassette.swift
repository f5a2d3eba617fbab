public import MarketSync

/// Recorded channel traffic: interactions in the order they happened, read and written as JSON that
/// reads well in a diff (see `Cassette+File.swift` for the file format).
///
/// Secrets never reach a cassette; `signingSecret` is a FAKE secret of a sandbox, used on replay to check
/// that requests are still signed the way they were when recorded.
public struct Cassette: Hashable, Sendable, Codable {
    /// What a secret value is replaced with.
    public static let redacted = "<redacted>"
    /// What a volatile value (timestamp, signature, correlation id) is replaced with.
    public static let volatile = "<volatile>"

    /// The file format version this code writes and reads.
    public static let currentVersion = 1

    /// File format version.
    public var version: Int
    /// The channel the traffic belongs to.
    public var channel: ChannelID?
    /// A fake signing secret replay checks signatures with. Never a real credential.
    public var signingSecret: String?
    /// Request/response pairs in recorded order.
    public var interactions: [CassetteInteraction]

    /// A cassette with the current version.
    public init(channel: ChannelID? = nil, signingSecret: String? = nil, interactions: [CassetteInteraction] = []) {
        self.version = Self.currentVersion
        self.channel = channel
        self.signingSecret = signingSecret
        self.interactions = interactions
    }
}
