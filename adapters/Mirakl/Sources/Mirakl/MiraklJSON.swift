package import Foundation
package import MarketSync

/// Readers for values from `JSONSerialization`, as Mirakl types them (docs/channels.md, "Orders and their states"):
/// ids and states are strings, quantities integers, amounts numbers. A value of another type reads as nil, so the
/// caller can name the field that is not what the documentation says.
package enum MiraklJSON {
    /// A string value (nil for a number, a bool, null or a missing key).
    package static func string(_ value: Any?) -> String? {
        value as? String
    }

    /// A whole number sent as a JSON number (nil for text, fractions and anything past ±2^53).
    package static func integer(_ value: Any?) -> Int64? {
        guard let number = value as? NSNumber, !(value is String) else { return nil }
        let double = number.doubleValue
        guard double.isFinite, double.rounded() == double, abs(double) < 9.0e15 else { return nil }
        return number.int64Value
    }

    /// An id Mirakl types as an integer in some calls and a string in others (`import_id`: docs/channels.md,
    /// "Where the sources disagree"), as text.
    package static func id(_ value: Any?) -> String? {
        if let text = value as? String { return text.isEmpty ? nil : text }
        return integer(value).map(String.init)
    }

    /// A boolean (JSON `true`/`false`).
    package static func bool(_ value: Any?) -> Bool? {
        value as? Bool
    }

    /// An amount in major units (`12.3`, or the text `"12.30"`) in minor units of `currency`: text is parsed exactly,
    /// numbers rounded to the nearest minor unit (exact for any real price, well under 2^53 minor units).
    package static func money(_ value: Any?, currency: Currency) -> Money? {
        if let text = value as? String { return Money.parseDecimal(text, currency: currency) }
        guard let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        guard double.isFinite, abs(double) < 1.0e13 else { return nil }
        return Money(minorUnits: Int64((double * 100).rounded()), currency: currency)
    }

    /// The top-level JSON object of `data`, or nil when it is not one (an HTML page, an answer cut off).
    package static func object(_ data: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
