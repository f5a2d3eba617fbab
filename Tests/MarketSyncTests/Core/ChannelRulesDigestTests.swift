import Testing
@testable import MarketSync

/// The rules digest decides between an incremental and a full plan, so it must be the same in every process for
/// the same rules, whatever order a set happens to iterate in.
@Suite struct ChannelRulesDigestTests {
    func rules(warehouses: Set<String>) -> ChannelRules {
        ChannelRules(stock: StockRule(buffer: .units(2), share: Percent("60%"), minShelfLife: .days(30), warehouses: warehouses),
                     price: PriceRule(rate: DecimalRatio("0.0825")!, currency: .cny, stepMinor: 10, rounding: .nearest, ending: 90))
    }

    @Test func isIndependentOfSetLayout() {
        let names = (0..<40).map { "warehouse-\($0)" }
        // A set grown from a large capacity iterates in another order than one grown element by element.
        var roomy = Set<String>(minimumCapacity: 512)
        for name in names.reversed() { roomy.insert(name) }
        var tight = Set<String>()
        for name in names { tight.insert(name) }
        #expect(Array(roomy) != Array(tight), "the two sets should iterate differently for this test to mean anything")
        #expect(rules(warehouses: roomy).digest == rules(warehouses: tight).digest)
    }

    @Test func isASHA256OfTheCanonicalTextAndChangesWithEveryRule() {
        let base = rules(warehouses: ["b", "a"])
        #expect(base.canonicalText.contains("stock.warehouses=1:a,1:b"))
        #expect(base.digest.count == 64 && base.digest.allSatisfy(\.isHexDigit))
        var other = base
        other.stock.warehouses = ["a"]
        #expect(other.digest != base.digest)
        other = base
        other.price.ending = nil
        #expect(other.digest != base.digest)
        other = base
        other.stock.minShelfLife = .share(Percent(basisPoints: 30))
        #expect(other.digest != base.digest)
    }
}
