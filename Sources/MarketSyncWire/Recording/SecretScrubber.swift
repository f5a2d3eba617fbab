internal import Foundation

/// Replaces every occurrence of known secret values in recorded text with `<redacted>`: a second line of
/// defence for credentials echoed where no rule names them (a token inside a nested JSON value, a body text).
struct SecretScrubber {
    /// Shorter values are not scrubbed: "1" or "" would replace unrelated text, and real credentials are longer.
    static let shortest = 6

    let secrets: [String]

    init(_ secrets: Set<String>) {
        // Longest first, so a secret containing another is replaced whole.
        self.secrets = secrets.sorted { $0.count > $1.count }
    }

    func scrub(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Cassette.redacted)
        }
        return result
    }

    func scrub(_ fields: [CassetteField]) -> [CassetteField] {
        fields.map { CassetteField(scrub($0.name), scrub($0.value)) }
    }

    func scrub(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(scrub(text))
        case .array(let elements): .array(elements.map(scrub))
        case .object(let members):
            .object(Dictionary(members.map { (scrub($0.key), scrub($0.value)) }, uniquingKeysWith: { first, _ in first }))
        default: value
        }
    }

    func scrub(_ body: CassetteBody?) -> CassetteBody? {
        switch body {
        case .form(let fields)?: .form(scrub(fields))
        case .json(let value)?: .json(scrub(value))
        case .text(let text)?: .text(scrub(text))
        case .binary(let data)?:
            if let text = String(validating: data, as: UTF8.self), secrets.contains(where: text.contains) {
                .binary(Data(scrub(text).utf8))
            } else {
                body
            }
        case nil: nil
        }
    }

    func scrub(_ interaction: CassetteInteraction) -> CassetteInteraction {
        guard !secrets.isEmpty else { return interaction }
        var copy = interaction
        copy.request.path = scrub(copy.request.path)
        copy.request.query = scrub(copy.request.query)
        copy.request.headers = scrub(copy.request.headers)
        copy.request.body = scrub(copy.request.body)
        copy.response.headers = scrub(copy.response.headers)
        copy.response.body = scrub(copy.response.body)
        return copy
    }
}
