/// Exact decimal numbers as EDI writes them: quantities and prices, never through a floating-point number.
public enum EDIDecimal {
    /// The amount in hundredths (`38.50` → 3850, `38.5` → 3850, `38` → 3800, `38.500` → 3850), read with
    /// `decimalMark`; nil for anything else: a sign, an exponent, grouping, or a precision finer than a hundredth
    /// that is not zero (`38.505` is refused, never rounded).
    public static func hundredths(_ text: String, decimalMark: Character = ".") -> Int64? {
        guard let (whole, fraction) = split(text, decimalMark: decimalMark) else { return nil }
        var significant = Substring(fraction)
        while significant.count > 2, significant.last == "0" { significant.removeLast() }
        guard significant.count <= 2, whole.count <= 15, let major = Int64(whole) else { return nil }
        let minor = significant.isEmpty ? 0 : (Int64(significant) ?? 0) * (significant.count == 1 ? 10 : 1)
        return major * 100 + minor
    }

    /// A whole number (`48`, `48.000` with `decimalMark`); nil for a fraction that is not zero, a sign or anything
    /// that is not digits.
    public static func wholeNumber(_ text: String, decimalMark: Character = ".") -> Int64? {
        guard let (whole, fraction) = split(text, decimalMark: decimalMark),
              fraction.allSatisfy({ $0 == "0" }), whole.count <= 15 else { return nil }
        return Int64(whole)
    }

    /// `3850` hundredths as `38.50` with `decimalMark`.
    public static func text(hundredths: Int64, decimalMark: Character = ".") -> String {
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let minor = magnitude % 100
        return "\(sign)\(magnitude / 100)\(decimalMark)\(minor < 10 ? "0" : "")\(minor)"
    }

    /// The digits before and after the decimal mark; nil unless both are ASCII digits and there is at least one
    /// digit before the mark (`.5` is refused: EDIFACT asks for a leading zero).
    private static func split(_ text: String, decimalMark: Character) -> (String, String)? {
        let parts = text.split(separator: decimalMark, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return (String(whole), String(fraction))
    }
}
