import Testing
@testable import MarketSync

/// Builds planning inputs by hand for the planner's tests.
struct InputBuilder {
    var skus: [SKUState] = []
    var lots: [LotState] = []
    var warehouses: [String] = ["main"]
    var states: [[OfferState]]

    init(channels: Int) { states = Array(repeating: [], count: channels) }

    mutating func add(_ sku: SKU, priceRUB: Int64 = 10000, reserved: Int64 = 0, lots newLots: [LotState], offers: [OfferState]) {
        skus.append(SKUState(sku: sku, basePriceMinor: priceRUB, reserved: reserved, lotStart: Int32(lots.count), lotCount: Int32(newLots.count)))
        lots += newLots
        for c in states.indices { states[c].append(c < offers.count ? offers[c] : OfferState(listing: nil)) }
    }

    func input(_ channels: [ChannelID]) -> PlanningInput {
        PlanningInput(skus: skus, lots: lots, warehouses: warehouses,
                      channels: channels.enumerated().map { ChannelOfferStates(channel: $1, states: states[$0]) })
    }
}

@Suite struct PlannerTests {
    let price = PriceRule(rate: DecimalRatio("0.0825")!, currency: .cny, stepMinor: 10, rounding: .nearest)

    func cny(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .cny) }
    func rub(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .rub) }
    func spec(_ channel: ChannelID, _ stock: StockRule = StockRule(), price: PriceRule? = nil, index: Int = 0) -> ChannelPlanSpec {
        ChannelPlanSpec(channel: channel, rules: ChannelRules(stock: stock, price: price ?? self.price), pushesStock: true, pushesPrices: true, stateIndex: index)
    }

    @Test func priceConvertsAndRoundsToTheStep() {
        // 790.00 RUB × 0.0825 = 65.175 CNY → 65.20 at a 0.10 step.
        #expect(price.price(for: rub(79000)) == cny(6520))
        let down = PriceRule(rate: DecimalRatio("0.0825")!, currency: .cny, stepMinor: 100, rounding: .down)
        #expect(down.price(for: rub(79000)) == cny(6500))
        let up = PriceRule(rate: DecimalRatio("0.0825")!, currency: .cny, stepMinor: 100, rounding: .up)
        #expect(up.price(for: rub(79000)) == cny(6600))
    }

    @Test func markupVATAndEndingApplyInOrder() {
        // 1000.00 RUB × 0.1 = 100.00; +20 % = 120.00; +13 % VAT = 135.60; step 1.00 up = 136.00; ending .90 up = 136.90.
        let rule = PriceRule(rate: DecimalRatio("0.1")!, currency: .cny, stepMinor: 100, rounding: .up, markup: Percent("20%"),
                             vat: Percent("13%"), ending: 90)
        let derivation = PricePlanner(rule: rule).derive(baseMinor: 100_000, explain: true)
        #expect(derivation.price == cny(13690))
        #expect(derivation.steps.count == 5)
        #expect(PricePlanner.applyEnding(90, to: 13600, rounding: .down) == 13590)
        #expect(PricePlanner.applyEnding(90, to: 13620, rounding: .nearest) == 13590)
        #expect(PricePlanner.applyEnding(90, to: 13650, rounding: .nearest) == 13690)
    }

    @Test func diffPushesOnlyWhatDiffersFromPendingOrAcknowledged() {
        var builder = InputBuilder(channels: 1)
        let lot = { (q: Int64) in [LotState(warehouse: 0, quantity: q)] }
        builder.add("A", priceRUB: 79000, lots: lot(10), offers: [OfferState(listing: "1:1", acknowledgedQuantity: 10, acknowledgedPriceMinor: 6520)])
        builder.add("B", priceRUB: 79000, reserved: 2, lots: lot(10), offers: [OfferState(listing: "1:2", acknowledgedQuantity: 10, acknowledgedPriceMinor: 6520)])
        builder.add("C", priceRUB: 10000, lots: lot(5), offers: [OfferState(listing: "1:3")])
        builder.add("D", priceRUB: 10000, lots: lot(5), offers: [OfferState(listing: nil)])
        // Queued already with the planned value: nothing new.
        builder.add("E", priceRUB: 79000, lots: lot(4), offers: [OfferState(listing: "1:5", acknowledgedQuantity: 9, acknowledgedPriceMinor: 6520, pendingQuantity: 4)])
        // Queued with a stale value while the plan went back to the acknowledged one: must supersede.
        builder.add("F", priceRUB: 79000, lots: lot(9), offers: [OfferState(listing: "1:6", acknowledgedQuantity: 9, acknowledgedPriceMinor: 6520, pendingQuantity: 3)])
        let plan = Planner().plan(builder.input(["epinduo"]), specs: [spec("epinduo")], today: 20_000)[0]
        #expect(plan.unchanged == 2)
        #expect(plan.unlisted == 1)
        #expect(plan.changes == [
            PlannedChange(sku: "B", listing: "1:2", value: .stock(from: 10, to: 8)),
            PlannedChange(sku: "C", listing: "1:3", value: .stock(from: nil, to: 5)),
            PlannedChange(sku: "C", listing: "1:3", value: .price(from: nil, to: cny(830))),
            PlannedChange(sku: "F", listing: "1:6", value: .stock(from: 3, to: 9)),
        ])
    }

    @Test func bufferCapAndZeroThreshold() {
        var builder = InputBuilder(channels: 3)
        let listed = OfferState(listing: "x")
        builder.add("A", lots: [LotState(warehouse: 0, quantity: 40)], offers: [listed, listed, listed])
        let specs = [
            spec("a", StockRule(buffer: .units(5), maxShown: 30), index: 0),      // 40 − 5 = 35, capped at 30
            spec("b", StockRule(buffer: .percent(Percent("10%")!)), index: 1),     // 40 − ⌈4⌉ = 36
            spec("c", StockRule(buffer: .units(38), zeroAtOrBelow: 2), index: 2),  // 2 → at or below 2 → 0
        ]
        let plans = Planner().plan(builder.input(["a", "b", "c"]), specs: specs, today: 20_000)
        let quantities: [Int64] = plans.map { plan in
            guard let change = plan.changes.first, case let .stock(_, to) = change.value else { return -1 }
            return to
        }
        #expect(quantities == [30, 36, 0])
    }

    @Test func shelfLifeLeavesShortLotsOutAndReservationsTakeTheEarliestLots() {
        let today: Int32 = 20_000
        var builder = InputBuilder(channels: 2)
        let listed = OfferState(listing: "x")
        builder.add("FISH", reserved: 4, lots: [
            LotState(warehouse: 0, quantity: 10, expiresOnDay: today + 60, producedOnDay: today - 30), // 2/3 left
            LotState(warehouse: 0, quantity: 6, expiresOnDay: today + 5, producedOnDay: today - 85),   // almost expired
        ], offers: [listed, listed])
        let specs = [spec("online", StockRule(minShelfLife: .days(3)), index: 0),
                     spec("retail", StockRule(minShelfLife: .share(Percent("66%")!)), index: 1)]
        let plans = Planner().plan(builder.input(["online", "retail"]), specs: specs, today: today)
        // Reservations take 4 from the lot expiring first (6 → 2): online sees 2 + 10, retail only the fresh lot.
        #expect(plans[0].changes.first?.value == .stock(from: nil, to: 12))
        #expect(plans[1].changes.first?.value == .stock(from: nil, to: 10))
        // Three days on the short lot has 2 days left, under online's 3: it drops out on its own.
        let later = Planner().plan(builder.input(["online", "retail"]), specs: specs, today: today + 3)
        #expect(later[0].changes.first?.value == .stock(from: nil, to: 10))
    }

    @Test func guardsHoldPricesBelowTheFloorAndBigChanges() {
        var builder = InputBuilder(channels: 1)
        builder.add("CHEAP", priceRUB: 1000, lots: [], offers: [OfferState(listing: "1")])                       // 0.80 CNY
        builder.add("JUMP", priceRUB: 200_000, lots: [], offers: [OfferState(listing: "2", acknowledgedPriceMinor: 10_000)]) // 100 → 165
        builder.add("OK", priceRUB: 130_000, lots: [], offers: [OfferState(listing: "3", acknowledgedPriceMinor: 10_000)])  // 100 → 107.30
        builder.add("APPROVED", priceRUB: 200_000, lots: [], offers: [OfferState(listing: "4", acknowledgedPriceMinor: 10_000, approvedPriceMinor: 16_500)])
        var rule = price
        rule.floor = cny(500)
        rule.maxChange = Percent("30%")
        let plan = Planner().plan(builder.input(["c"]), specs: [spec("c", price: rule)], today: 20_000)[0]
        let pushedPrices = plan.changes.compactMap { if case let .price(_, to) = $0.value { $0.sku.rawValue + "=" + to.decimalString } else { nil } }
        #expect(pushedPrices == ["OK=107.30", "APPROVED=165.00"])
        #expect(plan.held.map(\.sku) == ["CHEAP", "JUMP"])
        #expect(plan.held[0].reason.contains("below the floor"))
        #expect(plan.held[1].reason.contains("max_change 30%"))
    }

    @Test(arguments: [("0.0825", "0.0825"), ("12", "12"), ("0,5", "0.5")])
    func decimalRatioParses(_ text: String, _ printed: String) throws {
        #expect(try #require(DecimalRatio(text)).description == printed)
    }

    @Test(arguments: ["", "-1", "1e3", "0", "0.0000000001", "1.2.3"])
    func decimalRatioRejects(_ text: String) {
        #expect(DecimalRatio(text) == nil)
    }

    @Test func decimalRatioSaturatesInsteadOfOverflowing() {
        #expect(DecimalRatio("1")!.multiply(Int64.max, rounding: .nearest) == Int64.max)
        #expect(DecimalRatio("999999999")!.multiply(Int64.max / 2, rounding: .up) == Int64.max)
        #expect(DecimalRatio("0.5")!.multiply(3, rounding: .nearest) == 2)
    }

    @Test(arguments: [("129.90", 12990), ("129,9", 12990), ("130", 13000), (" 7.05 ", 705)])
    func moneyParses(_ text: String, _ minor: Int64) {
        #expect(Money.parseDecimal(text, currency: .rub)?.minorUnits == minor)
    }

    @Test(arguments: ["12.345", "1,234.50", "-5", "abc", "1.", ".5", ""])
    func moneyRejects(_ text: String) {
        #expect(Money.parseDecimal(text, currency: .rub) == nil)
    }
}
