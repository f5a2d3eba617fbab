/// How a channel's price is derived from the base RUB price, and the guards on what may be pushed.
///
/// Pipeline (`PricePlanner`): base × rate (fixed for the run) → × (1 + markup) → × (1 + VAT) when the channel
/// price includes VAT → rounded to `stepMinor` by `rounding` → moved to the price ending if set → guards: below
/// `floor` or above `ceiling` is held; a change of more than `maxChange` from the acknowledged price is held
/// until approved.
public struct PriceRule: Sendable, Hashable {
    /// Units of the channel currency per rouble (RUB→CNY, e.g. 0.0825), fixed for the run.
    public var rate: DecimalRatio
    /// The channel's currency: what `rate` converts to, and what every price and guard is in.
    public var currency: Currency
    /// Added after the rate: `× (1 + markup)`; nil: none.
    public var markup: Percent?
    /// VAT added to the price when the channel's prices include it; nil: prices go without VAT.
    public var vat: Percent?
    /// The step prices are rounded to, in minor units of `currency` (10 fen = 0.1 CNY).
    public var stepMinor: Int64
    /// How the exact price is rounded to `stepMinor`, once (never below one step).
    public var rounding: RoundingRule
    /// Minor units every price ends with within its major unit (90: prices end in .90); nil: none.
    public var ending: Int64?
    /// A price below it is held, not pushed, even when approved; nil: no floor.
    public var floor: Money?
    /// A price above it is held, not pushed, even when approved; nil: no ceiling.
    public var ceiling: Money?
    /// The largest change from the acknowledged price pushed without approval.
    public var maxChange: Percent?

    /// A rule. A step of 0 or less is a programmer error (`precondition`): the config loader never makes one.
    public init(rate: DecimalRatio, currency: Currency, stepMinor: Int64, rounding: RoundingRule, markup: Percent? = nil,
                vat: Percent? = nil, ending: Int64? = nil, floor: Money? = nil, ceiling: Money? = nil, maxChange: Percent? = nil) {
        precondition(stepMinor > 0, "a price step must be positive")
        self.rate = rate
        self.currency = currency
        self.stepMinor = stepMinor
        self.rounding = rounding
        self.markup = markup
        self.vat = vat
        self.ending = ending
        self.floor = floor
        self.ceiling = ceiling
        self.maxChange = maxChange
    }

    /// The channel price for a base price, before guards.
    public func price(for base: Money) -> Money {
        PricePlanner(rule: self).derive(baseMinor: base.minorUnits).price
    }
}
