/// A recorded request: no scheme, host or port, so a cassette recorded against one address replays at any.
public struct CassetteRequest: Hashable, Sendable, Codable {
    /// HTTP method (`PUT` and `GET` for file deliveries).
    public var method: String
    /// The URL path, percent-encoded as sent.
    public var path: String
    /// Query parameters, decoded, in sent order.
    public var query: [CassetteField]
    /// Request headers in sent order, secret values redacted, volatile ones marked.
    public var headers: [CassetteField]
    /// The body, if any.
    public var body: CassetteBody?
    /// The signature check's verdict when the recording ran one.
    public var signature: SignatureVerdict?

    /// A recorded request from its parts.
    public init(method: String, path: String, query: [CassetteField] = [], headers: [CassetteField] = [],
                body: CassetteBody? = nil, signature: SignatureVerdict? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.signature = signature
    }

    private enum CodingKeys: String, CodingKey {
        case method, path, query, headers, signature
    }

    /// Decodes the cassette form; `query` and `headers` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decode(String.self, forKey: .method)
        path = try container.decode(String.self, forKey: .path)
        query = try container.decodeIfPresent([CassetteField].self, forKey: .query) ?? []
        headers = try container.decodeIfPresent([CassetteField].self, forKey: .headers) ?? []
        signature = try container.decodeIfPresent(SignatureVerdict.self, forKey: .signature)
        body = try CassetteBody.decodeInline(from: decoder)
    }

    /// Encodes the cassette form; an empty query is left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encode(path, forKey: .path)
        if !query.isEmpty { try container.encode(query, forKey: .query) }
        try container.encode(headers, forKey: .headers)
        try container.encodeIfPresent(signature, forKey: .signature)
        try body?.encodeInline(to: encoder)
    }
}
