internal import Foundation

/// `application/x-www-form-urlencoded` as browsers and channel APIs use it, for query strings too.
enum FormURLEncoding {
    /// Decoded `name=value` pairs in order; `+` is a space. Nil when a piece is not valid percent-encoding.
    static func parse(_ text: String) -> [CassetteField]? {
        var fields: [CassetteField] = []
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { return nil }
            let value = parts.count > 1 ? decode(parts[1]) : ""
            guard let value else { return nil }
            fields.append(CassetteField(name, value))
        }
        return fields
    }

    /// Encodes pairs the way `parse` reads them.
    static func encode(_ fields: [CassetteField]) -> String {
        fields.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
    }

    private static let unreserved: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        set.insert(charactersIn: "-._~")
        return set
    }()

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
