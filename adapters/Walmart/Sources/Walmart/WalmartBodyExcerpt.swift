internal import Foundation

/// A short quote of a response body for an error message, so a person can tell a gateway's page from a cut-off
/// answer without the body reaching a log or the store: at most ``limit`` characters, whitespace runs as one space,
/// control characters dropped, the account's secrets (the client secret, the token) and every run of 7 or more
/// digits (a buyer's phone number is in every order's `shippingInfo`) masked.
enum WalmartBodyExcerpt {
    /// The longest excerpt, in characters (an ellipsis marks a cut).
    static let limit = 80

    /// The excerpt of `body`, with each of `secrets` (empty ones ignored) replaced by `<redacted>`.
    static func make(_ body: Data, redacting secrets: [String]) -> String {
        make(String(decoding: body.prefix(limit * 8), as: UTF8.self), redacting: secrets)
    }

    /// The excerpt of `text`, as ``make(_:redacting:)-(Data,_)`` makes it.
    static func make(_ text: String, redacting secrets: [String]) -> String {
        var text = String(text.prefix(limit * 8))
        for secret in secrets where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "<redacted>")
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
