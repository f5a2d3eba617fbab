/// A name and a value, written in a cassette as the two-element array `["name", "value"]`.
/// Used for headers, query parameters and form fields, in the order they were sent.
public struct CassetteField: Hashable, Sendable, Codable {
    /// Header, query parameter or form field name.
    public var name: String
    /// Its value, or `"<redacted>"` / `"<volatile>"`.
    public var value: String

    /// A field from a name and a value.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// Decodes `["name", "value"]`.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        name = try container.decode(String.self)
        value = try container.decode(String.self)
        guard container.isAtEnd else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a [name, value] pair")
        }
    }

    /// Encodes `["name", "value"]`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(name)
        try container.encode(value)
    }
}
