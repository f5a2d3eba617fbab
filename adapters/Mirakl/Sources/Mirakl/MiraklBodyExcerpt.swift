package import Foundation

/// A short quote of a response body for an error message, so a person can tell a gateway's page from a cut-off
/// answer without the body reaching a log or the store: at most ``limit`` characters, whitespace runs as one space,
/// control characters dropped, the shop's key, the text values of fields that carry a person's details (names, phone,
/// email, address: OR11 answers carry the customer) and every run of 7 or more digits masked.
package enum MiraklBodyExcerpt {
    /// The longest excerpt, in characters (an ellipsis marks a cut).
    package static let limit = 80

    /// A JSON string value (complete or cut off) under a key naming a person's detail.
    private static let personal: NSRegularExpression? = {
        let keys = "[a-z_0-9]*(name|phone|email|street|address|city|zip|postal)[a-z_0-9]*"
        return try? NSRegularExpression(pattern: "(\"\(keys)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)",
                                        options: [.caseInsensitive])
    }()

    /// The excerpt of `body`, each of `secrets` (empty ones ignored) replaced by `<redacted>`.
    package static func make(_ body: Data, redacting secrets: [String]) -> String {
        var text = String(decoding: body.prefix(limit * 8), as: UTF8.self)
        for secret in secrets where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "<redacted>")
        }
        if let personal {
            text = personal.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1\"<masked>\"")
        }
        var out = ""
        var digits = ""
        var lastWasSpace = false
        func flushDigits() {
            out += digits.count >= 7 ? "<digits>" : digits
            digits = ""
        }
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            flushDigits()
            if character.isWhitespace || character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
                if !lastWasSpace && !out.isEmpty { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(character)
                lastWasSpace = false
            }
        }
        flushDigits()
        let trimmed = out.trimmingCharacters(in: .whitespaces)
        return trimmed.count > limit ? String(trimmed.prefix(limit - 1)) + "…" : trimmed
    }
}
