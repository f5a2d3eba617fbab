/// Prices as a person types them on the command line and as the simulator prints them: `38.50` ↔ 3850 hundredths,
/// exact, never through a floating-point number.
enum PriceText {
    /// `38.50`, `38.5` or `38` as hundredths; nil for a sign, more than two decimals, or anything else.
    static func hundredths(_ text: String) -> Int64? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 15, whole.allSatisfy({ $0.isASCII && $0.isNumber }),
              let major = Int64(whole) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let minor = fraction.isEmpty ? 0 : (Int64(fraction) ?? 0) * (fraction.count == 1 ? 10 : 1)
        return major * 100 + minor
    }

    /// 3850 → `38.50` with `decimalMark`.
    static func text(_ hundredths: Int64, decimalMark: Character = ".") -> String {
        let minor = hundredths.magnitude % 100
        return "\(hundredths < 0 ? "-" : "")\(hundredths.magnitude / 100)\(decimalMark)\(minor < 10 ? "0" : "")\(minor)"
    }
}
