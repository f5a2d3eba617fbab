public import MarketSync

/// Verifies the `sign` of a recorded or replayed Epinduo request (a form body) with a given secret, and signs a
/// recorded one again with the cassette's own secret, so a replay proves the adapter still signs correctly without
/// the real secret ever reaching a cassette.
struct EpinduoSignatureCheck: RequestSignatureCheck {
    /// A check; the secret comes with each call.
    public init() {}

    /// True when the form body parses and its `sign` is the MD5 signature of its other fields with `secret`.
    public func isSignatureValid(_ request: WireRequest, secret: String) -> Bool {
        guard let fields = EpinduoForm.decode(request.body) else { return false }
        return EpinduoSigner(secret: secret).isValid(fields)
    }

    /// The request with `sign` computed again with `secret` (and a `client_secret` field, should one be sent, set to
    /// it), the body encoded the way the adapter encodes it. Unchanged when the body is not a form or has no `sign`.
    public func resigned(_ request: WireRequest, secret: String) -> WireRequest {
        guard var fields = EpinduoForm.decode(request.body), fields["sign"] != nil else { return request }
        if fields["client_secret"] != nil { fields["client_secret"] = secret }
        fields["sign"] = EpinduoSigner(secret: secret).sign(fields)
        var copy = request
        copy.body = EpinduoForm.encode(fields)
        return copy
    }
}

extension EpinduoAdapter {
    /// How Epinduo traffic is recorded and replayed: the access token, client secret and signature never reach
    /// a cassette (`client_id` stays: it is not a secret and tells recordings apart); `timestamp` and `sign`
    /// change on every call and are matched by presence. With `signingCheck`, the signature is verified with the
    /// cassette's fake secret.
    public static func cassetteRules(signingCheck: Bool) -> CassetteRules {
        CassetteRules(secretParameters: ["access_token", "client_secret", "sign"],
                      volatileParameters: ["timestamp", "sign"],
                      signature: signingCheck ? EpinduoSignatureCheck() : nil)
    }
}
