import Testing
@testable import MarketSync

/// Properties over random inputs (a seeded generator, so a failure reproduces): allocation never promises more
/// than there is, and no price below the floor is ever pushed.
@Suite struct PlannerPropertyTests {
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func sharedStockNeverSumsAboveWhatIsAvailable(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        func int(_ range: ClosedRange<Int64>) -> Int64 { range.lowerBound + Int64(random.next() % UInt64(range.upperBound - range.lowerBound + 1)) }
        for _ in 0..<300 {
            let channels = Int(int(1...7))
            // Random shares that add up to at most 100 %.
            var left: Int64 = 10_000
            var rules: [StockRule] = []
            for _ in 0..<channels {
                let share = int(1...max(1, left))
                left -= min(share, left)
                let buffer: StockRule.Buffer = random.next() % 2 == 0 ? .units(int(0...5)) : .percent(Percent(basisPoints: int(0...5_000)))
                rules.append(StockRule(buffer: buffer, share: Percent(basisPoints: max(share, 1)),
                                       maxShown: random.next() % 3 == 0 ? int(0...50) : nil,
                                       minShelfLife: random.next() % 3 == 0 ? .days(Int32(int(0...20))) : nil))
            }
            let sum = rules.reduce(0) { $0 + ($1.share?.basisPoints ?? 0) }
            guard sum <= 10_000 else { continue }
            var builder = InputBuilder(channels: channels)
            builder.warehouses = ["w0", "w1"]
            let lots = (0..<Int(int(0...4))).map { _ in
                LotState(warehouse: Int32(int(0...1)), quantity: int(0...200), expiresOnDay: random.next() % 2 == 0 ? 20_000 + Int32(int(0...30)) : nil)
            }
            let onHand = lots.reduce(0) { $0 + $1.quantity }
            let reserved = int(0...50)
            builder.add("S", reserved: reserved, lots: lots, offers: Array(repeating: OfferState(listing: "x"), count: channels))
            let specs = rules.enumerated().map { c, rule in
                ChannelPlanSpec(channel: ChannelID("c\(c)"), rules: ChannelRules(stock: rule, price: PriceRule(rate: DecimalRatio("1")!, currency: .cny, stepMinor: 1, rounding: .nearest)),
                                pushesStock: true, pushesPrices: false, stateIndex: c)
            }
            let plans = Planner().plan(builder.input(specs.map(\.channel)), specs: specs, today: 20_000)
            let offered: [Int64] = plans.compactMap { plan -> Int64? in
                guard let change = plan.changes.first, case let .stock(_, to) = change.value else { return nil }
                return to
            }
            #expect(offered.allSatisfy { $0 >= 0 })
            #expect(offered.reduce(0, +) <= max(0, onHand - reserved), "shares \(rules.map { $0.share?.description ?? "-" }), lots \(lots), reserved \(reserved) → \(offered)")
        }
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func noPriceBelowTheFloorIsEverPushed(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        func int(_ range: ClosedRange<Int64>) -> Int64 { range.lowerBound + Int64(random.next() % UInt64(range.upperBound - range.lowerBound + 1)) }
        for _ in 0..<2_000 {
            let rate = DecimalRatio(units: int(1...200_000), scale: 6)
            let step = [1, 10, 50, 100][Int(int(0...3))] as Int64
            let rounding = RoundingRule.allCases[Int(int(0...2))]
            let floor = Money(minorUnits: int(1...50_000), currency: .cny)
            let rule = PriceRule(rate: rate, currency: .cny, stepMinor: step, rounding: rounding,
                                 markup: random.next() % 2 == 0 ? Percent(basisPoints: int(0...5_000)) : nil,
                                 vat: random.next() % 2 == 0 ? Percent(basisPoints: 1_300) : nil,
                                 ending: random.next() % 3 == 0 ? 90 : nil, floor: floor,
                                 maxChange: random.next() % 2 == 0 ? Percent(basisPoints: int(100...5_000)) : nil)
            var builder = InputBuilder(channels: 1)
            let acknowledged: Int64? = random.next() % 2 == 0 ? int(1...100_000) : nil
            builder.add("P", priceRUB: int(1...10_000_000), lots: [], offers: [OfferState(listing: "x", acknowledgedPriceMinor: acknowledged,
                                                                                            approvedPriceMinor: random.next() % 4 == 0 ? int(1...100_000) : nil)])
            let spec = ChannelPlanSpec(channel: "c", rules: ChannelRules(stock: StockRule(), price: rule), pushesStock: false, pushesPrices: true, stateIndex: 0)
            let plan = Planner().plan(builder.input(["c"]), specs: [spec], today: 20_000)[0]
            for change in plan.changes {
                if case let .price(_, to) = change.value {
                    #expect(to.minorUnits >= floor.minorUnits, "rule \(rule) pushed \(to)")
                }
            }
        }
    }
}
