/// One channel to plan: its rules and what it can do, and where its offer states sit in the input.
public struct ChannelPlanSpec: Sendable {
    /// The channel to plan.
    public var channel: ChannelID
    /// The channel's stock and price rules.
    public var rules: ChannelRules
    /// Whether to plan stock (the adapter's `capabilities.pushesStock`).
    public var pushesStock: Bool
    /// Whether to plan prices (the adapter's `capabilities.pushesPrices`).
    public var pushesPrices: Bool
    /// Index of this channel in `PlanningInput.channels`.
    public var stateIndex: Int

    /// A spec as given; `stateIndex` must be a valid index of `PlanningInput.channels`.
    public init(channel: ChannelID, rules: ChannelRules, pushesStock: Bool, pushesPrices: Bool, stateIndex: Int) {
        self.channel = channel
        self.rules = rules
        self.pushesStock = pushesStock
        self.pushesPrices = pushesPrices
        self.stateIndex = stateIndex
    }
}

/// Applies every channel's rules to the planning input and diffs the result against what each channel holds:
/// the value waiting in the outbox if any, else the last acknowledged one. Pure and synchronous; all channels
/// at once, because a warehouse split between channels is decided per SKU across them.
public struct Planner: Sendable {
    /// A planner; it holds no state.
    public init() {}

    /// The plans, one per spec, in spec order. `today` is in days since 1970 (UTC).
    public func plan(_ input: PlanningInput, specs: [ChannelPlanSpec], today: Int32) -> [ChannelPlan] {
        let stock = StockPlanner(rules: specs.map(\.rules.stock), warehouses: input.warehouses)
        let prices = specs.map { PricePlanner(rule: $0.rules.price) }
        var plans = specs.map { ChannelPlan(channel: $0.channel, changes: [], unchanged: 0, unlisted: 0) }
        var quantities = [Int64](repeating: 0, count: specs.count)
        var listed = [Bool](repeating: false, count: specs.count)
        var scratch = StockPlanner.Scratch()
        let anyStock = specs.contains { $0.pushesStock }
        for (i, sku) in input.skus.enumerated() {
            for (c, spec) in specs.enumerated() { listed[c] = input.channels[spec.stateIndex].states[i].listing != nil }
            if anyStock {
                let start = Int(sku.lotStart)
                stock.plan(lots: input.lots[start..<start + Int(sku.lotCount)], reserved: sku.reserved, today: today,
                           listed: listed, into: &quantities, scratch: &scratch)
            }
            for (c, spec) in specs.enumerated() {
                let state = input.channels[spec.stateIndex].states[i]
                guard let listing = state.listing else {
                    plans[c].unlisted += 1
                    continue
                }
                var changed = false
                if spec.pushesStock {
                    let current = state.pendingQuantity ?? state.acknowledgedQuantity
                    if current != quantities[c] {
                        plans[c].changes.append(PlannedChange(sku: sku.sku, listing: listing, value: .stock(from: current, to: quantities[c])))
                        changed = true
                    }
                }
                if spec.pushesPrices {
                    let planner = prices[c]
                    let price = planner.derive(baseMinor: sku.basePriceMinor).price
                    let currency = price.currency
                    let current = state.pendingPriceMinor ?? state.acknowledgedPriceMinor
                    if current != price.minorUnits {
                        switch planner.verdict(for: price, acknowledgedMinor: state.acknowledgedPriceMinor, approvedMinor: state.approvedPriceMinor) {
                        case .push:
                            plans[c].changes.append(PlannedChange(sku: sku.sku, listing: listing, value: .price(
                                from: current.map { Money(minorUnits: $0, currency: currency) }, to: price)))
                            changed = true
                        case let .hold(guardKind, reason):
                            plans[c].held.append(HeldPrice(sku: sku.sku, from: state.acknowledgedPriceMinor.map { Money(minorUnits: $0, currency: currency) },
                                                           to: price, guardKind: guardKind, reason: reason))
                            changed = true
                        }
                    }
                }
                if !changed { plans[c].unchanged += 1 }
            }
        }
        return plans
    }

    /// How every number for one SKU was derived, per channel, for `marketsync explain`.
    public func explain(_ input: PlanningInput, skuIndex i: Int, specs: [ChannelPlanSpec], today: Int32) -> [ChannelExplanation] {
        let sku = input.skus[i]
        let stock = StockPlanner(rules: specs.map(\.rules.stock), warehouses: input.warehouses)
        var lines = [[String]](repeating: [], count: specs.count)
        var quantities = [Int64](repeating: 0, count: specs.count)
        let listed = specs.map { input.channels[$0.stateIndex].states[i].listing != nil }
        var scratch = StockPlanner.Scratch()
        let start = Int(sku.lotStart)
        let lots = input.lots[start..<start + Int(sku.lotCount)]
        for (c, isListed) in listed.enumerated() where isListed {
            let onHand = lots.reduce(0) { $0 + $1.quantity }
            lines[c].append("on hand \(onHand) in \(lots.count) lot(s): " + lots.enumerated().map { n, lot in
                "#\(n + 1) \(lot.quantity) in \(input.warehouses[Int(lot.warehouse)])"
                    + (lot.expiresOnDay.map { ", expires \(CalendarDate.format(day: $0))" } ?? "")
                    + (lot.producedOnDay.map { ", produced \(CalendarDate.format(day: $0))" } ?? "")
            }.joined(separator: "; "))
        }
        stock.plan(lots: lots, reserved: sku.reserved, today: today, listed: listed, into: &quantities, scratch: &scratch) { c, line in
            lines[c].append(line)
        }
        return specs.enumerated().map { c, spec in
            let state = input.channels[spec.stateIndex].states[i]
            guard state.listing != nil else {
                return ChannelExplanation(channel: spec.channel, listed: false, stockLines: [], quantity: nil, priceLines: [], price: nil, verdict: nil,
                                          acknowledgedQuantity: state.acknowledgedQuantity, acknowledgedPriceMinor: state.acknowledgedPriceMinor)
            }
            let planner = PricePlanner(rule: spec.rules.price)
            let derivation = planner.derive(baseMinor: sku.basePriceMinor, explain: true)
            var verdict: String?
            if case let .hold(_, reason) = planner.verdict(for: derivation.price, acknowledgedMinor: state.acknowledgedPriceMinor,
                                                        approvedMinor: state.approvedPriceMinor) {
                verdict = "held: \(reason)"
            }
            return ChannelExplanation(channel: spec.channel, listed: true, stockLines: lines[c], quantity: spec.pushesStock ? quantities[c] : nil,
                                      priceLines: derivation.steps, price: spec.pushesPrices ? derivation.price : nil, verdict: verdict,
                                      acknowledgedQuantity: state.acknowledgedQuantity, acknowledgedPriceMinor: state.acknowledgedPriceMinor)
        }
    }
}

/// Why one channel gets the numbers it gets for one SKU.
public struct ChannelExplanation: Sendable, Hashable {
    /// The channel explained.
    public var channel: ChannelID
    /// Whether the SKU is listed on the channel; when not, only the acknowledged values are set.
    public var listed: Bool
    /// How the quantity was derived, one step a line (lots, reservations, rules).
    public var stockLines: [String]
    /// The planned quantity; nil when the SKU is unlisted or the channel takes no stock.
    public var quantity: Int64?
    /// How the price was derived, one step a line (rate, markup, VAT, rounding, ending).
    public var priceLines: [String]
    /// The planned price, in the channel's currency; nil when the SKU is unlisted or the channel takes no
    /// prices.
    public var price: Money?
    /// Set when a guard holds the price back.
    public var verdict: String?
    /// The stock the channel last acknowledged; nil when none.
    public var acknowledgedQuantity: Int64?
    /// The price the channel last acknowledged, in minor units of its currency; nil when none.
    public var acknowledgedPriceMinor: Int64?
}

extension CalendarDate {
    /// `2026-12-31` for a day number (days since 1970, UTC).
    public static func format(day: Int32) -> String {
        let (y, m, d) = civil(fromDays: Int64(day))
        func pad(_ v: Int64, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// Year, month, day of a day number (days since 1970-01-01) — Howard Hinnant's civil_from_days, exact for
    /// the proleptic Gregorian calendar.
    public static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The day number (days since 1970-01-01) of a civil date — days_from_civil, the inverse of `civil(fromDays:)`.
    public static func days(fromCivil year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
