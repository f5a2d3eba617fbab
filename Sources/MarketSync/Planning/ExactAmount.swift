/// An exact non-negative amount in minor units: `numerator / 10^exponent`. Every price step (rate, markup, VAT)
/// multiplies by a decimal, so the intermediate values stay exact decimals and the price is rounded once, to the
/// channel's step, from the exact product (rounding each step on its own rounds twice: 46.4475 → 46.45 → 46.50
/// instead of 46.40 at a 0.10 step, rounding down).
struct ExactAmount: Sendable, Hashable {
    /// nil once a multiplication overflowed 128 bits (only absurd inputs get there).
    private(set) var numerator: UInt128?
    private(set) var exponent: Int

    init(minorUnits: Int64) {
        numerator = UInt128(max(minorUnits, 0))
        exponent = 0
    }

    /// `self × units / 10^scale`.
    func multiplied(by units: Int64, scale: Int) -> ExactAmount {
        var result = self
        if let numerator, units >= 0 {
            let (product, overflow) = numerator.multipliedReportingOverflow(by: UInt128(units))
            result.numerator = overflow ? nil : product
        } else {
            result.numerator = nil
        }
        result.exponent += scale
        return result
    }

    func multiplied(by ratio: DecimalRatio) -> ExactAmount { multiplied(by: ratio.units, scale: ratio.scale) }

    /// `self × (1 + percent)`.
    func increased(by percent: Percent) -> ExactAmount { multiplied(by: 10_000 + percent.basisPoints, scale: 4) }

    /// The amount rounded once to a multiple of `step` minor units; `Int64.max` when it does not fit.
    func rounded(toStep step: Int64, _ rounding: RoundingRule) -> Int64 {
        guard let numerator, step > 0, exponent <= 30 else { return Int64.max }
        var power: UInt128 = 1
        for _ in 0..<exponent { power *= 10 }
        let (denominator, overflow) = power.multipliedReportingOverflow(by: UInt128(step))
        guard !overflow else { return Int64.max }
        var quotient = numerator / denominator
        let remainder = numerator % denominator
        switch rounding {
        case .down: break
        case .up: if remainder > 0 { quotient += 1 }
        case .nearest: if remainder >= denominator - remainder { quotient += 1 }
        }
        let (minor, tooLarge) = quotient.multipliedReportingOverflow(by: UInt128(step))
        guard !tooLarge, minor <= UInt128(Int64.max) else { return Int64.max }
        return Int64(minor)
    }

    /// The exact value in major units with every digit it has (at least two decimals): `46.4475`.
    var majorUnitsDescription: String {
        guard let numerator else { return "(too large)" }
        let decimals = exponent + 2
        var digits = String(numerator)
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -decimals)
        var fraction = Substring(digits[split...])
        while fraction.count > 2, fraction.last == "0" { fraction.removeLast() }
        return "\(digits[..<split]).\(fraction)"
    }
}
