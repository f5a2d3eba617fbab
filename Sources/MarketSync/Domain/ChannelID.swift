/// The configured name of one channel (`epinduo`, `walmart-cn`, ...), unique within a config file.
public struct ChannelID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The channel's key under `channels:` in the config.
    public let rawValue: String
    /// A channel id with this name; not checked (the config loader decides which names exist).
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The same as `init(rawValue:)`, shorter at call sites.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// `"epinduo"` where a `ChannelID` is expected (tests, defaults).
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The name itself, for messages, logs and metadata.
    public var description: String { rawValue }
    /// Orders by name, so channels are listed, planned and leased in a stable order.
    public static func < (lhs: ChannelID, rhs: ChannelID) -> Bool { lhs.rawValue < rhs.rawValue }
    /// Decodes a bare JSON string (`"epinduo"`), not an object.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    /// Encodes as a bare string, as run summaries write it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
