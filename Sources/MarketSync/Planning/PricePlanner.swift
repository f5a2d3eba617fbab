/// Derives a channel price step by step (each step kept for `explain`) and judges whether it may be pushed.
struct PricePlanner: Sendable {
    /// The channel's price rule.
    public let rule: PriceRule

    /// A planner for `rule`.
    public init(rule: PriceRule) { self.rule = rule }

    /// The derivation of one price: every step as `label: value`, and the result.
    struct Derivation: Sendable, Hashable {
        /// Each step as a line (`markup +10% = 12.34 CNY`), in order; empty unless derived with `explain`.
        public var steps: [String]
        /// The price in the rule's currency: rounded to the step (never below one step), then moved to the
        /// ending if the rule has one.
        public var price: Money
    }

    /// What the guards decided for a derived price.
    enum Verdict: Sendable, Hashable {
        case push
        /// Held back with the reason; the channel keeps its acknowledged price.
        case hold(PriceGuard, String)
    }

    /// The price for a base price in kopecks, with its steps. Rate, markup and VAT multiply exactly; the result is
    /// rounded once, to the step, from the exact product.
    func derive(baseMinor: Int64, explain: Bool = false) -> Derivation {
        let currency = rule.currency
        var steps: [String] = []
        func money(_ minor: Int64) -> String { Money(minorUnits: minor, currency: currency).description }
        func exact(_ amount: ExactAmount) -> String { "\(amount.majorUnitsDescription) \(currency)" }
        var amount = ExactAmount(minorUnits: baseMinor).multiplied(by: rule.rate)
        if explain {
            steps.append("base \(Money(minorUnits: baseMinor, currency: .rub)) × rate \(rule.rate) = \(exact(amount))")
        }
        if let markup = rule.markup {
            amount = amount.increased(by: markup)
            if explain { steps.append("markup +\(markup) = \(exact(amount))") }
        }
        if let vat = rule.vat {
            amount = amount.increased(by: vat)
            if explain { steps.append("VAT +\(vat) included = \(exact(amount))") }
        }
        let step = rule.stepMinor
        var value = max(amount.rounded(toStep: step, rule.rounding), step)
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
            return .hold(.floor, "\(price) is below the floor \(floor)")
        }
        if let ceiling = rule.ceiling, price.minorUnits > ceiling.minorUnits {
            return .hold(.ceiling, "\(price) is above the ceiling \(ceiling)")
        }
        if let maxChange = rule.maxChange, let acknowledged = acknowledgedMinor, acknowledged > 0, approvedMinor != price.minorUnits {
            let change = (price.minorUnits - acknowledged).magnitude
            // change / acknowledged > maxChange, in 128-bit integers so no price or percentage can overflow.
            let changed = change.multipliedFullWidth(by: 10_000)
            let allowed = acknowledged.magnitude.multipliedFullWidth(by: UInt64(maxChange.basisPoints.magnitude))
            if (changed.high, changed.low) > (allowed.high, allowed.low) {
                let percent = Percent(basisPoints: Int64(change * 10_000 / acknowledged.magnitude))
                let sign = price.minorUnits > acknowledged ? "+" : "-"
                return .hold(.maxChange, "change \(sign)\(percent) from \(Money(minorUnits: acknowledged, currency: price.currency)) exceeds max_change \(maxChange); run marketsync approve")
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
