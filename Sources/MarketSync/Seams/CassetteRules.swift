/// How a channel's traffic is recorded and matched in cassettes: which parts are secret (redacted when
/// recording), which are volatile (matched by presence, not value), and how a replayer checks a signature.
/// An adapter declares its rules; the transport applies them. Names compare case-insensitively for headers.
public struct CassetteRules: Sendable {
    /// Header names whose values never reach a cassette (`Authorization`).
    public var secretHeaders: Set<String>
    /// Query or form parameter names, or JSON member names at any depth, whose values never reach a cassette
    /// (`access_token`, `client_secret`, `sign`).
    public var secretParameters: Set<String>
    /// Header names matched by presence only (dates, correlation ids).
    public var volatileHeaders: Set<String>
    /// Query or form parameter names, or JSON member names at any depth, matched by presence only (`timestamp`, `sign`).
    public var volatileParameters: Set<String>
    /// Checks a request's signature; its verdict is recorded and must be the same on replay.
    public var signature: (any RequestSignatureCheck)?

    /// Rules for a channel. Header names are lowercased (matched case-insensitively); parameter and JSON key names
    /// are matched exactly as given. By default only `Authorization` is secret and nothing is volatile.
    public init(secretHeaders: Set<String> = ["authorization"], secretParameters: Set<String> = [],
                volatileHeaders: Set<String> = [], volatileParameters: Set<String> = [],
                signature: (any RequestSignatureCheck)? = nil) {
        self.secretHeaders = Set(secretHeaders.map { $0.lowercased() })
        self.secretParameters = secretParameters
        self.volatileHeaders = Set(volatileHeaders.map { $0.lowercased() })
        self.volatileParameters = volatileParameters
        self.signature = signature
    }

    /// Rules that redact the usual credentials and match everything else by value.
    public static let standard = CassetteRules()
}

/// Verifies a request's signature with a given secret, and signs a request again with another one: recording
/// re-signs every request it stores with the cassette's own fake secret, so the secret the live channel knows never
/// reaches the file and replay still verifies with the cassette's. The channel's adapter provides it; the wire layer
/// knows no signing scheme.
public protocol RequestSignatureCheck: Sendable {
    /// True when `request` carries a signature made with `secret`.
    func isSignatureValid(_ request: WireRequest, secret: String) -> Bool
    /// `request` signed with `secret` instead (any copy of the secret it carries replaced too); unchanged when it
    /// carries no signature, so an unsigned request stays unsigned.
    func resigned(_ request: WireRequest, secret: String) -> WireRequest
}
