public import Foundation

/// A request or response body as a cassette keeps it: by meaning where it can (form fields, JSON),
/// else as text or base64. Written inline in the request or response as one of the keys
/// `form`, `json`, `text` or `base64`; an empty body writes none of them.
public enum CassetteBody: Hashable, Sendable {
    /// `application/x-www-form-urlencoded` fields, decoded, in sent order.
    case form([CassetteField])
    /// A JSON document.
    case json(JSONValue)
    /// UTF-8 text.
    case text(String)
    /// Anything else.
    case binary(Data)

    enum CodingKeys: String, CodingKey {
        case form, json, text, base64
    }

    /// Reads the inline body keys of the object being decoded; nil when none is present.
    static func decodeInline(from decoder: any Decoder) throws -> CassetteBody? {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let present = [CodingKeys.form, .json, .text, .base64].filter { container.contains($0) }
        guard present.count <= 1 else {
            throw DecodingError.dataCorruptedError(forKey: present[1], in: container,
                                                   debugDescription: "a body has one of form, json, text or base64, not several")
        }
        if container.contains(.form) { return .form(try container.decode([CassetteField].self, forKey: .form)) }
        if container.contains(.json) { return .json(try container.decode(JSONValue.self, forKey: .json)) }
        if container.contains(.text) { return .text(try container.decode(String.self, forKey: .text)) }
        if container.contains(.base64) {
            let text = try container.decode(String.self, forKey: .base64)
            guard let data = Data(base64Encoded: text) else {
                throw DecodingError.dataCorruptedError(forKey: .base64, in: container, debugDescription: "not valid base64")
            }
            return .binary(data)
        }
        return nil
    }

    /// Writes the body's inline key into the object being encoded.
    func encodeInline(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .form(let fields): try container.encode(fields, forKey: .form)
        case .json(let value): try container.encode(value, forKey: .json)
        case .text(let text): try container.encode(text, forKey: .text)
        case .binary(let data): try container.encode(data.base64EncodedString(), forKey: .base64)
        }
    }
}
