/// How a channel's price is derived from the base RUB price: conversion at a rate fixed for the run, then
/// rounding to the channel's step.
public struct PriceRule: Sendable, Hashable {
    /// Units of the channel currency per rouble (RUB→CNY, e.g. 0.0825).
    public var rate: DecimalRatio
    public var currency: Currency
    /// The step prices are rounded to, in minor units of `currency` (10 fen = 0.1 CNY).
    public var stepMinor: Int64
    public var rounding: RoundingRule

    public init(rate: DecimalRatio, currency: Currency, stepMinor: Int64, rounding: RoundingRule) {
        precondition(stepMinor > 0, "a price step must be positive")
        self.rate = rate
        self.currency = currency
        self.stepMinor = stepMinor
        self.rounding = rounding
    }

    /// The channel price for a base price.
    public func price(for base: Money) -> Money {
        // base kopecks × rate = channel minor units (both currencies have 100 minor units per major).
        let exact = rate.multiply(base.minorUnits, rounding: .nearest)
        let steps = rounding.divide(exact, by: stepMinor)
        return Money(minorUnits: max(steps * stepMinor, stepMinor), currency: currency)
    }
}
