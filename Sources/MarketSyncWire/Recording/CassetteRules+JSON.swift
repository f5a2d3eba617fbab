internal import MarketSync

/// The parameter rules applied to JSON bodies at any depth: a credential is as secret inside an object or an array
/// (`authDetails.password` of a webhook subscription, a token inside an envelope) as at the top.
extension CassetteRules {
    /// `value` as a request records it: each member named a secret or volatile parameter replaced by its placeholder.
    func recordedJSON(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var copy = members
            for (key, member) in members {
                let placeholder = recordedParameterValue(name: key, value: "")
                copy[key] = Self.isPlaceholder(placeholder) ? .string(placeholder) : recordedJSON(member)
            }
            return .object(copy)
        case .array(let elements):
            return .array(elements.map(recordedJSON))
        default:
            return value
        }
    }

    /// `value` as a response records it: each member named a secret parameter redacted (an answer handing out a token).
    func redactingSecrets(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var copy = members
            for (key, member) in members {
                copy[key] = isSecretParameter(key) ? .string(Cassette.redacted) : redactingSecrets(member)
            }
            return .object(copy)
        case .array(let elements):
            return .array(elements.map(redactingSecrets))
        default:
            return value
        }
    }

    /// The string values of the members named a secret parameter, wherever they are in `value`.
    func secretStrings(in value: JSONValue) -> [String] {
        switch value {
        case .object(let members):
            members.flatMap { key, member -> [String] in
                if isSecretParameter(key) { if case .string(let text) = member { return [text] } else { return [] } }
                return secretStrings(in: member)
            }
        case .array(let elements):
            elements.flatMap { secretStrings(in: $0) }
        default:
            []
        }
    }

    /// Whether a sent JSON value matches the recorded one: members named a secret or volatile parameter, and values
    /// recorded as a placeholder, match whatever was sent; everything else must be equal, at any depth.
    func jsonMatches(recorded: JSONValue, sent: JSONValue) -> Bool {
        if recorded.stringValue.map(Self.isPlaceholder) == true { return true }
        switch (recorded, sent) {
        case (.object(let recordedMembers), .object(let sentMembers)):
            guard Set(recordedMembers.keys) == Set(sentMembers.keys) else { return false }
            return recordedMembers.allSatisfy { key, member in
                guard let sentMember = sentMembers[key] else { return false }
                return isVolatileParameter(key) || isSecretParameter(key) || jsonMatches(recorded: member, sent: sentMember)
            }
        case (.array(let recordedElements), .array(let sentElements)):
            return recordedElements.count == sentElements.count
                && zip(recordedElements, sentElements).allSatisfy { jsonMatches(recorded: $0, sent: $1) }
        default:
            return recorded == sent
        }
    }
}
