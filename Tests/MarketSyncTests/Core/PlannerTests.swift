import Testing
@testable import MarketSync

@Suite struct PlannerTests {
    let capabilities = ChannelCapabilities(
        pushesStock: true, pushesPrices: true, pullsOrders: true, confirmsShipments: true, stockBatchSize: 1, priceBatchSize: 20,
        currency: .cny, rateLimit: RateLimit(requestsPerSecond: 10, burst: 10),
        orderWindow: OrderWindowPolicy(maxLength: .seconds(1800), lag: .seconds(180), overlap: .seconds(120), initialLookback: .seconds(86400)))
    let rules = ChannelRules(stock: StockRule(), price: PriceRule(rate: DecimalRatio("0.0825")!, currency: .cny, stepMinor: 10, rounding: .nearest))

    func cny(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .cny) }
    func rub(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .rub) }

    @Test func priceConvertsAndRoundsToTheStep() {
        // 790.00 RUB × 0.0825 = 65.175 CNY → 65.20 at a 0.10 step.
        #expect(rules.price.price(for: rub(79000)) == cny(6520))
        let down = PriceRule(rate: DecimalRatio("0.0825")!, currency: .cny, stepMinor: 100, rounding: .down)
        #expect(down.price(for: rub(79000)) == cny(6500))
        let up = PriceRule(rate: DecimalRatio("0.0825")!, currency: .cny, stepMinor: 100, rounding: .up)
        #expect(up.price(for: rub(79000)) == cny(6600))
    }

    @Test func quantityIsOnHandLessReservedNeverNegative() {
        #expect(StockRule().quantity(onHand: 10, reserved: 3) == 7)
        #expect(StockRule().quantity(onHand: 2, reserved: 5) == 0)
    }

    @Test func diffPushesOnlyWhatDiffersFromPendingOrAcknowledged() {
        let rows = [
            PlanningRow(sku: "A", onHand: 10, reserved: 0, basePrice: rub(79000), listing: "1:1", acknowledgedQuantity: 10, acknowledgedPrice: cny(6520)),
            PlanningRow(sku: "B", onHand: 10, reserved: 2, basePrice: rub(79000), listing: "1:2", acknowledgedQuantity: 10, acknowledgedPrice: cny(6520)),
            PlanningRow(sku: "C", onHand: 5, reserved: 0, basePrice: rub(10000), listing: "1:3"),
            PlanningRow(sku: "D", onHand: 5, reserved: 0, basePrice: rub(10000), listing: nil),
            // Queued already with the planned value: nothing new.
            PlanningRow(sku: "E", onHand: 4, reserved: 0, basePrice: rub(79000), listing: "1:5", acknowledgedQuantity: 9, acknowledgedPrice: cny(6520), pendingQuantity: 4),
            // Queued with a stale value while the plan went back to the acknowledged one: must supersede.
            PlanningRow(sku: "F", onHand: 9, reserved: 0, basePrice: rub(79000), listing: "1:6", acknowledgedQuantity: 9, acknowledgedPrice: cny(6520), pendingQuantity: 3),
        ]
        let plan = Planner().plan(rows, channel: "epinduo", rules: rules, capabilities: capabilities)
        #expect(plan.unchanged == 2)
        #expect(plan.unlisted == 1)
        #expect(plan.changes == [
            PlannedChange(sku: "B", listing: "1:2", value: .stock(from: 10, to: 8)),
            PlannedChange(sku: "C", listing: "1:3", value: .stock(from: nil, to: 5)),
            PlannedChange(sku: "C", listing: "1:3", value: .price(from: nil, to: cny(830))),
            PlannedChange(sku: "F", listing: "1:6", value: .stock(from: 3, to: 9)),
        ])
    }

    @Test(arguments: [("0.0825", "0.0825"), ("12", "12"), ("0,5", "0.5")])
    func decimalRatioParses(_ text: String, _ printed: String) throws {
        #expect(try #require(DecimalRatio(text)).description == printed)
    }

    @Test(arguments: ["", "-1", "1e3", "0", "0.0000000001", "1.2.3"])
    func decimalRatioRejects(_ text: String) {
        #expect(DecimalRatio(text) == nil)
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
