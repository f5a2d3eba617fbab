/// Amounts and quantities as sheets write them, exactly: from and to minor units, never through a floating-point
/// number.
enum SheetDecimal {
    /// `3850` minor units as `38.50` (or `38,50`): always two fraction digits.
    static func text(minorUnits: Int64, decimalMark: Character) -> String {
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        let minor = magnitude % 100
        return "\(sign)\(magnitude / 100)\(decimalMark)\(minor < 10 ? "0" : "")\(minor)"
    }

    /// `38.50`, `38.5`, `38` or `38.500` (with `decimalMark`) as 3850 minor units; nil for a sign, grouping, an
    /// exponent, a missing whole part (`.5`), more than 15 whole digits, or a non-zero digit past the hundredths
    /// (`38.505` is refused, never rounded).
    static func minorUnits(_ text: String, decimalMark: Character) -> Int64? {
        guard let (whole, fraction) = split(text, decimalMark: decimalMark) else { return nil }
        var significant = Substring(fraction)
        while significant.count > 2, significant.last == "0" { significant.removeLast() }
        guard significant.count <= 2, whole.count <= 15, let major = Int64(whole) else { return nil }
        let minor = significant.isEmpty ? 0 : (Int64(significant) ?? 0) * (significant.count == 1 ? 10 : 1)
        return major * 100 + minor
    }

    /// A whole number of units (`48`, or `48.000` with `decimalMark`); nil for a fraction that is not zero, a sign,
    /// more than 15 digits or anything that is not digits.
    static func wholeNumber(_ text: String, decimalMark: Character) -> Int64? {
        guard let (whole, fraction) = split(text, decimalMark: decimalMark), fraction.allSatisfy({ $0 == "0" }),
              whole.count <= 15 else { return nil }
        return Int64(whole)
    }

    private static func split(_ text: String, decimalMark: Character) -> (String, String)? {
        let parts = text.split(separator: decimalMark, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return (String(whole), String(fraction))
    }
}
