internal import Foundation

extension CassetteBody {
    /// Classifies body bytes by content type: form fields, JSON, UTF-8 text, else binary. Nil for an empty body.
    /// Forms are recognised only where `allowForm` (request bodies).
    init?(capturing data: Data, contentType: String?, allowForm: Bool) {
        guard !data.isEmpty else { return nil }
        let type = contentType?.lowercased() ?? ""
        if allowForm, type.contains("application/x-www-form-urlencoded"),
           let text = String(validating: data, as: UTF8.self), let fields = FormURLEncoding.parse(text) {
            self = .form(fields)
        } else if type.contains("json"), let value = try? JSONDecoder().decode(JSONValue.self, from: data) {
            self = .json(value)
        } else if let text = String(validating: data, as: UTF8.self) {
            self = .text(text)
        } else {
            self = .binary(data)
        }
    }

    /// The body as bytes again: JSON compact with sorted keys, forms percent-encoded.
    func data() -> Data {
        switch self {
        case .form(let fields):
            return Data(FormURLEncoding.encode(fields).utf8)
        case .json(let value):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(value)) ?? Data()
        case .text(let text):
            return Data(text.utf8)
        case .binary(let data):
            return data
        }
    }

    /// The body's kind as a cassette names it.
    var kind: String {
        switch self {
        case .form: "form"
        case .json: "json"
        case .text: "text"
        case .binary: "base64"
        }
    }

    /// The `type` or `method` field that names a channel API call, when the body has one.
    var operationName: String? {
        switch self {
        case .form(let fields):
            return fields.first { $0.name == "type" || $0.name == "method" }.map { "\($0.name)=\($0.value)" }
        case .json(.object(let members)):
            for key in ["type", "method"] {
                if case .string(let value)? = members[key] { return "\(key)=\(value)" }
            }
            return nil
        default:
            return nil
        }
    }
}
