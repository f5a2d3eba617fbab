internal import Foundation

/// An exact decimal such as an exchange rate `0.0825` or a step `0.10`, kept as `units / 10^scale`, so
/// conversions never go through binary floating point.
public struct DecimalRatio: Hashable, Sendable, CustomStringConvertible {
    /// The digits as a whole number: 825 for 0.0825.
    public let units: Int64
    /// Digits after the point: 4 for 0.0825 (0 to 9 when parsed).
    public let scale: Int

    /// Parses `0.0825`, `12`, `0,5`. Nil for signs, exponents, more than 9 fraction digits, or zero.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace().replacingOccurrences(of: ",", with: ".")
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 9,
              parts[0].allSatisfy(\.isASCIIDigit) else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 9, fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty,
              let value = Int64(parts[0] + fraction), value > 0 else { return nil }
        units = value
        scale = fraction.count
    }

    /// `units / 10^scale`, unchecked: 10^scale must fit in Int64 (scale at most 18).
    public init(units: Int64, scale: Int) {
        self.units = units
        self.scale = scale
    }

    /// Whether the value is at most `whole` (a whole number ≥ 0).
    public func isAtMost(_ whole: Int64) -> Bool {
        // units / 10^scale ≤ whole  ⇔  units ≤ whole × 10^scale, in 128 bits so nothing overflows.
        let limit = whole.multipliedFullWidth(by: denominator)
        return limit.high > 0 || UInt64(units) <= limit.low
    }

    var denominator: Int64 {
        var result: Int64 = 1
        for _ in 0..<scale { result *= 10 }
        return result
    }

    /// The decimal with `scale` digits after the point, trailing zeros kept: `0.0825`, `12`, `0.10`.
    public var description: String {
        guard scale > 0 else { return String(units) }
        var digits = String(units)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        return "\(digits[..<split]).\(digits[split...])"
    }

    /// `amount × self`, rounded as asked (non-negative amounts), exact in 128-bit intermediate arithmetic;
    /// a result past Int64 saturates at `Int64.max`.
    func multiply(_ amount: Int64, rounding: RoundingRule) -> Int64 {
        let product = amount.multipliedFullWidth(by: units)
        let denominator = self.denominator
        // The quotient fits in Int64 exactly when product < 2^63 × denominator.
        let limit = (UInt64(denominator >> 1), denominator & 1 == 1 ? UInt64(1) << 63 : 0)
        guard product.high >= 0, (UInt64(product.high), product.low) < limit else { return Int64.max }
        let (quotient, remainder) = denominator.dividingFullWidth(product)
        switch rounding {
        case .down: return quotient
        case .up: return remainder > 0 ? quotient + 1 : quotient
        case .nearest: return remainder * 2 >= denominator ? quotient + 1 : quotient
        }
    }
}

/// How a value is rounded to a step.
public enum RoundingRule: String, Sendable, Hashable, CaseIterable {
    /// To the nearest step; a half goes up.
    case nearest
    /// Up to the next step: never below the exact value.
    case up
    /// Down to the step below: never above the exact value.
    case down

    /// `numerator / denominator` rounded (non-negative inputs; halves go up for `nearest`).
    func divide(_ numerator: Int64, by denominator: Int64) -> Int64 {
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        switch self {
        case .down: return quotient
        case .up: return remainder > 0 ? quotient + 1 : quotient
        case .nearest: return remainder * 2 >= denominator ? quotient + 1 : quotient
        }
    }
}
