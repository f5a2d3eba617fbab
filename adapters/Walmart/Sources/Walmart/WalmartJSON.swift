package import Foundation

/// Readers for values decoded by `JSONSerialization`, strict about types: Walmart's documents say which fields are
/// strings (order quantities, line numbers) and which are numbers (epoch milliseconds, inventory amounts), and an
/// answer that breaks them is reported, not guessed at. Where the sources disagree (docs/channels.md, "Where the
/// sources disagree") the reader named for it takes both forms.
package enum WalmartJSON {
    /// The JSON object in `data`, or nil when it is not one (HTML, cut-off JSON, an array).
    package static func object(_ data: Data) -> [String: Any]? {
        guard !data.isEmpty else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// A string value; nil for anything else (numbers included).
    package static func string(_ value: Any?) -> String? {
        value as? String
    }

    /// A whole JSON number (not a bool, not a fraction); nil for anything else.
    package static func int64(_ value: Any?) -> Int64? {
        guard let number = value as? NSNumber, !isBool(number) else { return nil }
        let double = number.doubleValue
        guard double.isFinite, double.rounded() == double, abs(double) < 9.0e15 else { return nil }
        return number.int64Value
    }

    /// A whole number sent as a JSON number or as digits in a string (`"amount": "1"` in order quantities;
    /// `expire_at` in token details).
    package static func wholeNumber(_ value: Any?) -> Int64? {
        if let text = value as? String { return Int64(text.trimmingCharacters(in: .whitespaces)) }
        return int64(value)
    }

    /// A decimal amount (`5.49`) in hundredths (`549`), exact for any real price; nil when not a number or when it
    /// has more than two decimals.
    package static func hundredths(_ value: Any?) -> Int64? {
        guard let number = value as? NSNumber, !isBool(number) else { return nil }
        let double = number.doubleValue
        guard double.isFinite, abs(double) < 1.0e13 else { return nil }
        let scaled = (double * 100).rounded()
        guard abs(scaled - double * 100) < 1e-6 else { return nil }
        return Int64(scaled)
    }

    /// Whether an `NSNumber` came from `true`/`false` (Foundation decodes both to `NSNumber`).
    static func isBool(_ number: NSNumber) -> Bool {
        type(of: number) == booleanType
    }

    /// The class Foundation decodes `true` and `false` into.
    private static let booleanType = type(of: NSNumber(value: true))
}
