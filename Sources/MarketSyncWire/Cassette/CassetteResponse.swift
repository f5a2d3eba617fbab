/// A recorded response: status, headers without transport noise, and the body by meaning.
public struct CassetteResponse: Hashable, Sendable, Codable {
    /// HTTP status (200 for a successful file delivery).
    public var status: Int
    /// Response headers in received order, secrets redacted, `Date`/`Connection`/`Content-Length` dropped.
    public var headers: [CassetteField]
    /// The body, if any.
    public var body: CassetteBody?

    /// A recorded response from its parts.
    public init(status: Int, headers: [CassetteField] = [], body: CassetteBody? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    private enum CodingKeys: String, CodingKey {
        case status, headers
    }

    /// Decodes the cassette form; `headers` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decode(Int.self, forKey: .status)
        headers = try container.decodeIfPresent([CassetteField].self, forKey: .headers) ?? []
        body = try CassetteBody.decodeInline(from: decoder)
    }

    /// Encodes the cassette form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(headers, forKey: .headers)
        try body?.encodeInline(to: encoder)
    }
}
