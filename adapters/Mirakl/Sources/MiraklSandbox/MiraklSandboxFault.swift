/// An answer the sandbox gives instead of serving the next `times` matching calls, so tests and scenarios can make
/// the channel throttle, fail or garble (docs/channels.md, "What a local sandbox must imitate").
struct MiraklSandboxFault: Sendable, Hashable, Codable {
    /// The call it applies to, by its Mirakl name (`OF24`, `OR11`, …); `*` or nil for every call.
    var call: String?
    /// What the answer is.
    var kind: Kind
    /// How many more calls it answers.
    var times: Int
    /// The HTTP status (`error`: default 500; `html`: default 200).
    var status: Int?
    /// `throttle`: the `Retry-After` seconds (default 1).
    var retryAfter: Int?
    /// `error`: the message in the body.
    var message: String?

    /// The kinds of fault.
    enum Kind: String, Sendable, Hashable, Codable {
        /// HTTP 429 with `Retry-After`; nothing changes.
        case throttle
        /// An error status (5xx by default) with a JSON body; nothing changes.
        case error
        /// A gateway's HTML page (HTTP 200 unless `status` says otherwise); nothing changes.
        case html
        /// The call is served, its answer cut off halfway.
        case truncated
    }

    enum CodingKeys: String, CodingKey {
        case call, kind, times, status, retryAfter = "retry_after", message
    }

    /// Reads a fault leniently: `times` defaults to 1.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        call = try container.decodeIfPresent(String.self, forKey: .call)
        kind = try container.decode(Kind.self, forKey: .kind)
        times = try container.decodeIfPresent(Int.self, forKey: .times) ?? 1
        status = try container.decodeIfPresent(Int.self, forKey: .status)
        retryAfter = try container.decodeIfPresent(Int.self, forKey: .retryAfter)
        message = try container.decodeIfPresent(String.self, forKey: .message)
    }

    /// A fault as given.
    init(call: String?, kind: Kind, times: Int = 1, status: Int? = nil, retryAfter: Int? = nil, message: String? = nil) {
        self.call = call
        self.kind = kind
        self.times = times
        self.status = status
        self.retryAfter = retryAfter
        self.message = message
    }

    /// Whether this fault answers a call named `name`.
    func matches(_ name: String) -> Bool {
        times > 0 && (call == nil || call == "*" || call == name)
    }
}
