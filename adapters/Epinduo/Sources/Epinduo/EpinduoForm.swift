public import Foundation

/// `application/x-www-form-urlencoded` bodies, the way Epinduo's router takes its parameters (channels README §1.1).
public enum EpinduoForm {
    /// The media type of a form body.
    public static let contentType = "application/x-www-form-urlencoded"

    /// Encodes `fields` in ASCII key order, so the same parameters always give the same bytes (cassettes diff cleanly).
    public static func encode(_ fields: [String: String]) -> Data {
        var out = ""
        for key in EpinduoSigner.sortedKeys(fields) {
            if !out.isEmpty { out += "&" }
            out += escape(key)
            out += "="
            out += escape(fields[key] ?? "")
        }
        return Data(out.utf8)
    }

    /// Decodes a form body; a repeated key keeps its last value. Returns nil when the body is not valid
    /// UTF-8 or carries a broken percent escape.
    public static func decode(_ body: Data) -> [String: String]? {
        guard let text = String(data: body, encoding: .utf8) else { return nil }
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = unescape(parts[0]) else { return nil }
            let value = parts.count > 1 ? unescape(parts[1]) : ""
            guard let value else { return nil }
            fields[key] = value
        }
        return fields
    }

    // Unreserved characters of RFC 3986; everything else is percent-encoded (a space as %20, which every
    // form decoder accepts).
    private static let unreserved: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-._~")
        return set
    }()

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static func unescape(_ text: Substring) -> String? {
        if !text.contains("%") && !text.contains("+") { return String(text) }
        return text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
