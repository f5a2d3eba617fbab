internal import MarketSync
internal import Yams

extension ConfigLoader {
    /// A channel's `price:` section.
    struct PriceSection {
        var rate: DecimalRatio?
        var step = DecimalRatio(units: 1, scale: 2)
        var rounding = RoundingRule.nearest
        var extras = PriceExtras()
    }

    static func price(_ node: ConfigMapping) -> PriceSection {
        var section = PriceSection()
        guard let price = node.mapping("price") else { return section }
        section.rate = price.rate("rate")
        if let value = price.string("step") {
            if let step = DecimalRatio(value.text), step.scale <= 2, step.stepMinor <= ValueRanges.maximumStepMinor {
                section.step = step
            } else {
                price.invalid("step", value, "must be a positive amount with at most two decimals, up to 10000, like 0.10 or 1")
            }
        }
        section.rounding = price.choice("rounding", "must be nearest, up or down") ?? .nearest
        var extras = PriceExtras()
        extras.markup = price.percent("markup", in: ValueRanges.markup, "from 0% to 1000%")
        extras.vat = price.percent("vat", in: ValueRanges.vat, "from 0% to 100%")
        extras.maxChange = price.percent("max_change", in: ValueRanges.maxChange, "above 0% and at most 1000%")
        if let value = price.string("ending") {
            if let minor = Money.parseDecimal(value.text, currency: .cny)?.minorUnits, minor < 100 {
                // The ending must be reachable by rounding to the step, or no price could ever end with it.
                if minor % section.step.stepMinor == 0 {
                    extras.endingMinor = minor
                } else {
                    price.invalid("ending", value, "is not on the price step \(section.step)")
                }
            } else {
                price.invalid("ending", value, "must be the fraction prices end with, like 0.90 or 0.99")
            }
        }
        extras.floorMinor = price.amount("floor")
        extras.ceilingMinor = price.amount("ceiling")
        if let floor = extras.floorMinor, let ceiling = extras.ceilingMinor, floor > ceiling {
            price.report("floor is above ceiling", key: "floor")
        }
        price.rejectUnknown()
        section.extras = extras
        return section
    }

    static func stockRule(_ node: ConfigMapping) -> StockRule {
        var rule = StockRule()
        if let value = node.string("buffer") {
            if value.text.hasSuffix("%") {
                if let percent = Percent(value.text), percent < Percent.hundred {
                    rule.buffer = .percent(percent)
                } else {
                    node.invalid("buffer", value, "must be 0% to 99.99% or a whole number of units ≥ 0")
                }
            } else if let units = WholeNumber.parse(value.text), ValueRanges.quantity.contains(units) {
                rule.buffer = .units(units)
            } else {
                node.invalid("buffer", value, "must be a whole number of units ≥ 0 (at most \(ValueRanges.quantity.upperBound)) or a percentage like 10%")
            }
        }
        rule.share = node.percent("share", in: Percent(basisPoints: 1)...Percent.hundred, "above 0% and at most 100%")
        rule.maxShown = node.integer("max_shown", in: ValueRanges.quantity)
        rule.zeroAtOrBelow = node.integer("zero_at_or_below", in: ValueRanges.quantity)
        if let value = node.string("min_shelf_life") {
            rule.minShelfLife = shelfLife(value, node)
        }
        let warehouses = node.sequence("warehouses")
        if !warehouses.isEmpty {
            rule.warehouses = Set(warehouses.compactMap(\.string))
        }
        node.rejectUnknown()
        return rule
    }

    /// `"67%"` of the total shelf life, or whole days in the duration grammar (`30d`, or `72h`).
    static func shelfLife(_ value: ConfigValue, _ node: ConfigMapping) -> ShelfLifeRule? {
        let text = value.text.trimmingWhitespace()
        if text.hasSuffix("%") {
            guard let share = Percent(text), share.basisPoints > 0, share < Percent.hundred else {
                node.invalid("min_shelf_life", value, "must be a share below 100% like 67%, or days like 30d")
                return nil
            }
            return .share(share)
        }
        let day = Duration.seconds(86_400)
        switch DurationText.parse(text) {
        case let .success(duration) where duration.components.seconds % 86_400 == 0 && duration.components.attoseconds == 0:
            return .days(Int32(duration / day))
        case .success:
            node.invalid("min_shelf_life", value, "must be whole days like 30d, or a share like 67%")
        case .failure(.aboveMaximum):
            node.invalid("min_shelf_life", value, "must be days like 30d (at most 3650d), or a share like 67%")
        case .failure:
            node.invalid("min_shelf_life", value, "must be days like 30d, or a share like 67%")
        }
        return nil
    }
}

extension DecimalRatio {
    /// A price step in minor units (two decimals at most): 0.10 → 10.
    var stepMinor: Int64 {
        units * (scale == 0 ? 100 : scale == 1 ? 10 : 1)
    }
}
