/// A producer's stock-keeping unit code, the key of a product in the catalog and on every channel.
public struct SKU: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The code as the source writes it; compared case-sensitively. The catalog reader trims it and accepts at
    /// most 64 characters without spaces.
    public let rawValue: String
    /// A SKU with this code, unchecked (the catalog reader validates source rows).
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The same as `init(rawValue:)`, shorter at call sites.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// `"SKU-1"` where a `SKU` is expected (tests, fixtures).
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The code itself.
    public var description: String { rawValue }
    /// Orders by code, so plans and listings come out in a stable order.
    public static func < (lhs: SKU, rhs: SKU) -> Bool { lhs.rawValue < rhs.rawValue }
    /// Decodes a bare JSON string.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    /// Encodes as a bare string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
