public import MarketSync

/// Recorded channel traffic: interactions in the order they happened, read and written as JSON that
/// reads well in a diff (see `Cassette+File.swift` for the file format).
///
/// Secrets never reach a cassette; `signingSecret` is the cassette's own fake secret, made when it was first recorded:
/// every stored request was re-signed with it, and replay checks with it that requests are still signed right.
public struct Cassette: Hashable, Sendable, Codable {
    /// What a secret value is replaced with.
    public static let redacted = "<redacted>"
    /// What a volatile value (timestamp, signature, correlation id) is replaced with.
    public static let volatile = "<volatile>"

    /// The file format version this code writes and reads.
    static let currentVersion = 1

    /// File format version.
    public var version: Int
    /// The channel the traffic belongs to.
    public var channel: ChannelID?
    /// The cassette's own signing secret, which replay checks signatures with: generated (``newSigningSecret()``),
    /// never a credential of the recording.
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

    /// A fresh secret for a new cassette: `cassette-` and 32 random hex digits, so it can be no one's credential.
    static func newSigningSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = (0..<2).map { _ in
            let text = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return "cassette-" + digits.joined()
    }
}
