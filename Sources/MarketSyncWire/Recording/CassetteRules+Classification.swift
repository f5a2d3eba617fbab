internal import MarketSync

extension CassetteRules {
    /// Whether a header's value must never reach a cassette.
    func isSecretHeader(_ name: String) -> Bool {
        let lower = name.lowercased()
        return secretHeaders.contains { $0.lowercased() == lower }
    }

    /// Whether a header is matched by presence only.
    func isVolatileHeader(_ name: String) -> Bool {
        let lower = name.lowercased()
        return volatileHeaders.contains { $0.lowercased() == lower }
    }

    /// Whether a query/form parameter or JSON member name must never reach a cassette.
    func isSecretParameter(_ name: String) -> Bool {
        let lower = name.lowercased()
        return secretParameters.contains { $0.lowercased() == lower }
    }

    /// Whether a query/form parameter or JSON member name is matched by presence only.
    func isVolatileParameter(_ name: String) -> Bool {
        let lower = name.lowercased()
        return volatileParameters.contains { $0.lowercased() == lower }
    }

    /// The value a request parameter is recorded with.
    func recordedParameterValue(name: String, value: String) -> String {
        if isVolatileParameter(name) { return Cassette.volatile }
        if isSecretParameter(name) { return Cassette.redacted }
        return value
    }

    /// The value a request header is recorded with.
    func recordedHeaderValue(name: String, value: String) -> String {
        if isVolatileHeader(name) { return Cassette.volatile }
        if isSecretHeader(name) { return Cassette.redacted }
        return value
    }

    /// Whether a parameter is matched by presence only when replaying: by rule, or because the
    /// cassette holds a placeholder for it.
    func matchesParameterByPresence(name: String, recordedValue: String) -> Bool {
        isVolatileParameter(name) || isSecretParameter(name) || Self.isPlaceholder(recordedValue)
    }

    /// Whether a value is one a recorder writes instead of the real one.
    static func isPlaceholder(_ value: String) -> Bool {
        value == Cassette.redacted || value == Cassette.volatile
    }
}
