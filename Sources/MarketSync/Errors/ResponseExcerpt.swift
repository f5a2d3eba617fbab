public import Foundation

/// A short quote of a channel's response body for an error message, so a person can tell a gateway's page from a
/// cut-off answer without the body itself reaching a log or the store: at most ``limit`` characters, whitespace runs
/// as one space, control characters dropped, and masked: the given secrets (a key, a token, a client secret), the
/// JSON text values of fields that carry a person's details (names, phone, email, address: order listings carry the
/// buyer), and every run of 7 or more digits (a phone number sent in clear).
///
/// One implementation for every adapter: what an error may quote is a project rule, not a channel's.
public enum ResponseExcerpt {
    /// The longest excerpt, in characters (an ellipsis marks a cut).
    public static let limit = 80

    /// A JSON string value (complete or cut off) under a key naming a person's detail.
    private static let personal: NSRegularExpression? = {
        let keys = "[a-z_0-9]*(name|phone|email|street|address|city|zip|postal)[a-z_0-9]*"
        return try? NSRegularExpression(pattern: "(\"\(keys)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)",
                                        options: [.caseInsensitive])
    }()

    /// The excerpt of `body`, each of `secrets` (empty ones ignored) replaced by `<redacted>`.
    public static func make(_ body: Data, redacting secrets: [String]) -> String {
        // Only the start is ever shown; decoding a few times more leaves room for what gets collapsed or masked.
        make(String(decoding: body.prefix(limit * 8), as: UTF8.self), redacting: secrets)
    }

    /// The excerpt of `text`, as ``make(_:redacting:)-(Data,_)`` makes it.
    public static func make(_ text: String, redacting secrets: [String]) -> String {
        var text = String(text.prefix(limit * 8))
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
