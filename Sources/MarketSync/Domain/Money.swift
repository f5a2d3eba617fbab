/// An amount in minor units (kopecks, fen) of one currency. Never a floating-point number.
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// The amount in minor units of `currency` (100 per major unit); signed.
    public var minorUnits: Int64
    /// The currency `minorUnits` count in.
    public var currency: Currency

    /// An amount of `minorUnits` in `currency`; no range is checked.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// "12.30 CNY".
    public var description: String { "\(decimalString) \(currency)" }

    /// The amount as a decimal string with two fraction digits ("12.30").
    public var decimalString: String {
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        let major = magnitude / 100
        let minor = magnitude % 100
        return "\(sign)\(major).\(minor < 10 ? "0" : "")\(minor)"
    }

    /// Orders amounts of one currency. Comparing two currencies is a programmer error and traps (`precondition`).
    public static func < (lhs: Money, rhs: Money) -> Bool {
        precondition(lhs.currency == rhs.currency, "comparing \(lhs.currency) with \(rhs.currency)")
        return lhs.minorUnits < rhs.minorUnits
    }

    /// Parses a decimal price such as `129.90`, `129,9`, `130` or `1 150,00` into minor units, exactly (no binary
    /// fractions). Thousands may be grouped with a space, U+00A0 or U+202F (`DigitGrouping`), as 1C and
    /// spreadsheets export them. Returns nil for anything else: signs, exponents, more than two fraction digits,
    /// more than 12 integer digits, `.` or `,` as a thousands separator.
    public static func parseDecimal(_ text: String, currency: Currency) -> Money? {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        let parts = trimmed.split(separator: trimmed.contains(",") ? "," : ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count <= 2, let majorText = DigitGrouping.ungrouped(parts[0]) else { return nil }
        let minorText = parts.count == 2 ? parts[1] : ""
        guard !majorText.isEmpty, majorText.count <= 12, minorText.count <= 2,
              majorText.allSatisfy(\.isASCIIDigit), minorText.allSatisfy(\.isASCIIDigit),
              parts.count == 1 || !minorText.isEmpty,
              let major = Int64(majorText) else { return nil }
        var minor: Int64 = 0
        if !minorText.isEmpty, let value = Int64(minorText) {
            minor = minorText.count == 1 ? value * 10 : value
        }
        return Money(minorUnits: major * 100 + minor, currency: currency)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and line breaks.
    public func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
