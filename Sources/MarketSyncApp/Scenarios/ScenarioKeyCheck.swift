internal import Foundation

/// Decodes a `scenario.yaml` a second time only to refuse keys the spec does not know: a misspelt or misplaced
/// expectation (`acknowledged` one level too high) would otherwise be ignored, and a check that is never made
/// cannot fail. The key sets come from the spec's own coding keys.
struct ScenarioKeyCheck: Decodable {
    init(from decoder: any Decoder) throws {
        try Self.known(ScenarioSpec.CodingKeys.allCases, in: decoder)
        let container = try decoder.container(keyedBy: ScenarioSpec.CodingKeys.self)
        _ = try container.decodeIfPresent([StepCheck].self, forKey: .steps)
    }

    struct StepCheck: Decodable {
        init(from decoder: any Decoder) throws {
            try ScenarioKeyCheck.known(ScenarioSpec.Step.CodingKeys.allCases, in: decoder)
            let container = try decoder.container(keyedBy: ScenarioSpec.Step.CodingKeys.self)
            _ = try container.decodeIfPresent(ExpectationCheck.self, forKey: .expect)
            _ = try container.decodeIfPresent([PartnerFileCheck].self, forKey: .partnerFiles)
        }
    }

    struct ExpectationCheck: Decodable {
        init(from decoder: any Decoder) throws {
            try ScenarioKeyCheck.known(ScenarioSpec.Expectation.CodingKeys.allCases, in: decoder)
            let container = try decoder.container(keyedBy: ScenarioSpec.Expectation.CodingKeys.self)
            _ = try container.decodeIfPresent([String: ChannelCheck].self, forKey: .channels)
            _ = try container.decodeIfPresent([String: [String: OfferCheck]].self, forKey: .acknowledged)
            _ = try container.decodeIfPresent([String: [String: OrderCheck]].self, forKey: .orders)
            _ = try container.decodeIfPresent([String: FilesCheck].self, forKey: .files)
        }
    }

    struct PartnerFileCheck: Decodable {
        init(from decoder: any Decoder) throws { try ScenarioKeyCheck.known(ScenarioSpec.PartnerFile.CodingKeys.allCases, in: decoder) }
    }

    struct FilesCheck: Decodable {
        init(from decoder: any Decoder) throws { try ScenarioKeyCheck.known(ScenarioSpec.FileExpectation.CodingKeys.allCases, in: decoder) }
    }

    struct ChannelCheck: Decodable {
        init(from decoder: any Decoder) throws { try ScenarioKeyCheck.known(ScenarioSpec.ChannelExpectation.CodingKeys.allCases, in: decoder) }
    }

    struct OfferCheck: Decodable {
        init(from decoder: any Decoder) throws { try ScenarioKeyCheck.known(["quantity", "price"], in: decoder) }
    }

    struct OrderCheck: Decodable {
        init(from decoder: any Decoder) throws { try ScenarioKeyCheck.known(ScenarioSpec.OrderExpectation.CodingKeys.allCases, in: decoder) }
    }

    /// Throws a decoding error at the first key of `decoder`'s mapping that is not one of `keys`.
    static func known<Key: CodingKey>(_ keys: [Key], in decoder: any Decoder) throws {
        try known(keys.map(\.stringValue), in: decoder)
    }

    static func known(_ names: [String], in decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let allowed = Set(names)
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !allowed.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath + [key],
                debugDescription: "unknown key \"\(key.stringValue)\"; known here: \(allowed.sorted().joined(separator: ", "))"))
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
