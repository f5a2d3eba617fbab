/// Derives a channel price step by step (each step kept for `explain`) and judges whether it may be pushed.
public struct PricePlanner: Sendable {
    public let rule: PriceRule

    public init(rule: PriceRule) { self.rule = rule }

    /// The derivation of one price: every step as `label: value`, and the result.
    public struct Derivation: Sendable, Hashable {
        public var steps: [String]
        public var price: Money
    }

    /// What the guards decided for a derived price.
    public enum Verdict: Sendable, Hashable {
        case push
        /// Held back with the reason; the channel keeps its acknowledged price.
        case hold(String)
    }

    /// The price for a base price in kopecks, with its steps.
    public func derive(baseMinor: Int64, explain: Bool = false) -> Derivation {
        let currency = rule.currency
        var steps: [String] = []
        func money(_ minor: Int64) -> String { Money(minorUnits: minor, currency: currency).description }
        var value = rule.rate.multiply(baseMinor, rounding: .nearest)
        if explain {
            steps.append("base \(Money(minorUnits: baseMinor, currency: .rub)) × rate \(rule.rate) = \(money(value))")
        }
        if let markup = rule.markup {
            value = Percent.apply(markup, to: value)
            if explain { steps.append("markup +\(markup) = \(money(value))") }
        }
        if let vat = rule.vat {
            value = Percent.apply(vat, to: value)
            if explain { steps.append("VAT +\(vat) included = \(money(value))") }
        }
        let step = rule.stepMinor
        value = max(rule.rounding.divide(value, by: step) * step, step)
        if explain { steps.append("rounded \(rule.rounding) to \(money(step)) = \(money(value))") }
        if let ending = rule.ending {
            value = Self.applyEnding(ending, to: value, rounding: rule.rounding)
            if explain { steps.append("ending .\(ending < 10 ? "0" : "")\(ending) = \(money(value))") }
        }
        return Derivation(steps: steps, price: Money(minorUnits: value, currency: currency))
    }

    /// Floor, ceiling and maximum change (against the acknowledged price); an approved price passes the
    /// maximum-change guard, never the floor or ceiling.
    public func verdict(for price: Money, acknowledgedMinor: Int64?, approvedMinor: Int64?) -> Verdict {
        if let floor = rule.floor, price.minorUnits < floor.minorUnits {
            return .hold("\(price) is below the floor \(floor)")
        }
        if let ceiling = rule.ceiling, price.minorUnits > ceiling.minorUnits {
            return .hold("\(price) is above the ceiling \(ceiling)")
        }
        if let maxChange = rule.maxChange, let acknowledged = acknowledgedMinor, acknowledged > 0, approvedMinor != price.minorUnits {
            let change = (price.minorUnits - acknowledged).magnitude
            // change / acknowledged > maxChange, in 128-bit integers so no price or percentage can overflow.
            let changed = change.multipliedFullWidth(by: 10_000)
            let allowed = acknowledged.magnitude.multipliedFullWidth(by: UInt64(maxChange.basisPoints.magnitude))
            if (changed.high, changed.low) > (allowed.high, allowed.low) {
                let percent = Percent(basisPoints: Int64(change * 10_000 / acknowledged.magnitude))
                let sign = price.minorUnits > acknowledged ? "+" : "-"
                return .hold("change \(sign)\(percent) from \(Money(minorUnits: acknowledged, currency: price.currency)) exceeds max_change \(maxChange); run marketsync approve")
            }
        }
        return .push
    }

    /// Moves `value` to the nearest price ending in `ending` minor units in the rounding direction, never
    /// below one ending above zero.
    static func applyEnding(_ ending: Int64, to value: Int64, rounding: RoundingRule) -> Int64 {
        let base = value / 100 * 100 + ending
        let below = base <= value ? base : base - 100
        let above = below + 100
        switch rounding {
        case .down: return below > 0 ? below : above
        case .up: return below == value ? below : above
        case .nearest: return below > 0 && value - below < above - value ? below : above
        }
    }
}

extension Percent {
    /// `value × (1 + self)`, rounded to the nearest unit.
    static func apply(_ percent: Percent, to value: Int64) -> Int64 {
        let scaled = value.multipliedFullWidth(by: 10_000 + percent.basisPoints)
        let (quotient, remainder) = Int64(10_000).dividingFullWidth(scaled)
        return remainder * 2 >= 10_000 ? quotient + 1 : quotient
    }
}
