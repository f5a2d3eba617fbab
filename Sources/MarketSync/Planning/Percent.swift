/// A percentage in basis points (1 % = 100), exact: `30%`, `12.5%`.
public struct Percent: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let basisPoints: Int64
    public init(basisPoints: Int64) { self.basisPoints = basisPoints }

    /// Parses `30%`, `12.5%` or `30` (percent). Nil for negatives or more than two decimals.
    public init?(_ text: String) {
        var body = text.trimmingWhitespace()
        if body.hasSuffix("%") { body.removeLast() }
        guard let money = Money.parseDecimal(body, currency: .rub) else { return nil }
        basisPoints = money.minorUnits
    }

    public static let hundred = Percent(basisPoints: 10_000)
    public static func < (lhs: Percent, rhs: Percent) -> Bool { lhs.basisPoints < rhs.basisPoints }

    public var description: String {
        let whole = basisPoints / 100, fraction = basisPoints % 100
        if fraction == 0 { return "\(whole)%" }
        if fraction % 10 == 0 { return "\(whole).\(fraction / 10)%" }
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)%"
    }

    /// `value × self`, rounded down (used for stock: never round units up).
    public func of(_ value: Int64) -> Int64 { value * basisPoints / 10_000 }
}

