internal import Foundation

/// Lenient readers for values from `JSONSerialization`: the platform sends some numbers as strings and some
/// ids as numbers, depending on the method (docs/channels.md, "Every call"), so both are accepted.
package enum EpinduoJSON {
    static func int(_ value: Any?) -> Int? {
        int64(value).flatMap { Int(exactly: $0) }
    }

    package static func int64(_ value: Any?) -> Int64? {
        switch value {
        case let number as NSNumber:
            let double = number.doubleValue
            guard double.rounded() == double, abs(double) < 9.0e15 else { return nil }
            return number.int64Value
        case let text as String:
            return Int64(text.trimmingCharacters(in: .whitespaces))
        default:
            return nil
        }
    }

    static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    static func bool(_ value: Any?) -> Bool? {
        switch value {
        case let flag as Bool: flag
        case let text as String: text == "true" ? true : text == "false" ? false : nil
        default: nil
        }
    }

    /// A yuan amount (`"12.30"` or `12.3`) in fen. Strings are parsed exactly; numbers are rounded to the
    /// nearest fen, which is exact for any real price (well under 2^53 fen).
    static func fen(_ value: Any?) -> Int64? {
        switch value {
        case let text as String:
            guard let money = parseYuan(text) else { return nil }
            return money
        case let number as NSNumber:
            let double = number.doubleValue
            guard double.isFinite, abs(double) < 1.0e13 else { return nil }
            return Int64((double * 100).rounded())
        default:
            return nil
        }
    }

    private static func parseYuan(_ text: String) -> Int64? {
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        let negative = digits.hasPrefix("-")
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let major = Int64(parts[0]), !parts[0].isEmpty, parts[0].allSatisfy(\.isNumber) else { return nil }
        var minor: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= 2, fraction.allSatisfy(\.isNumber), let value = Int64(fraction) else { return nil }
            minor = fraction.count == 1 ? value * 10 : value
        }
        let fen = major * 100 + minor
        return negative ? -fen : fen
    }
}
