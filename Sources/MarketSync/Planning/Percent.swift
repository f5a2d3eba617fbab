/// A percentage in basis points (1 % = 100), exact: `30%`, `12.5%`.
public struct Percent: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Hundredths of a percent: 10 000 is 100 %.
    public let basisPoints: Int64
    /// A percentage of `basisPoints`, unchecked (callers check ranges: `ValueRanges`).
    public init(basisPoints: Int64) { self.basisPoints = basisPoints }

    /// Parses `30%`, `12.5%` or `30` (percent). Nil for negatives or more than two decimals.
    public init?(_ text: String) {
        var body = text.trimmingWhitespace()
        if body.hasSuffix("%") { body.removeLast() }
        guard let money = Money.parseDecimal(body, currency: .rub) else { return nil }
        basisPoints = money.minorUnits
    }

    /// 100 %: the largest share, and the top of the VAT range.
    public static let hundred = Percent(basisPoints: 10_000)
    /// Orders by size.
    public static func < (lhs: Percent, rhs: Percent) -> Bool { lhs.basisPoints < rhs.basisPoints }

    /// `30%`, `12.5%`, `0.05%`: no trailing zeros.
    public var description: String {
        let whole = basisPoints / 100, fraction = basisPoints % 100
        if fraction == 0 { return "\(whole)%" }
        if fraction % 10 == 0 { return "\(whole).\(fraction / 10)%" }
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)%"
    }

    /// `value × self`, rounded down (used for stock: never round units up).
    public func of(_ value: Int64) -> Int64 { value * basisPoints / 10_000 }
}

