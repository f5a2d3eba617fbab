import Foundation
import Testing
@testable import MarketSync

/// A price is rounded once, from the exact product of base, rate, markup and VAT: checked on the known case and
/// against an independent computation in Foundation's `Decimal` over random inputs.
@Suite struct PriceRoundingTests {
    @Test func roundsOnceFromTheExactProduct() {
        // 563.00 RUB × 0.0825 = 46.4475 CNY: the nearest 0.10 is 46.40 (rounding to 46.45 first would give 46.50).
        let rule = PriceRule(rate: DecimalRatio("0.0825")!, currency: .cny, stepMinor: 10, rounding: .nearest)
        let derivation = PricePlanner(rule: rule).derive(baseMinor: 56_300, explain: true)
        #expect(derivation.price == Money(minorUnits: 4640, currency: .cny))
        #expect(derivation.steps.first == "base 563.00 RUB × rate 0.0825 = 46.4475 CNY")
        #expect(derivation.steps.last == "rounded nearest to 0.10 CNY = 46.40 CNY")
    }

    @Test func markupAndVATStayExactUntilTheStep() {
        // 100.05 RUB × 0.1 = 10.005; +10 % = 11.0055; +13 % = 12.436215 → 12.40 nearest at 0.10 (not 12.50).
        let rule = PriceRule(rate: DecimalRatio("0.1")!, currency: .cny, stepMinor: 10, rounding: .nearest,
                             markup: Percent("10%"), vat: Percent("13%"))
        let derivation = PricePlanner(rule: rule).derive(baseMinor: 10_005, explain: true)
        #expect(derivation.price.minorUnits == 1240)
        #expect(derivation.steps[2] == "VAT +13% included = 12.436215 CNY")
    }

    @Test(arguments: [UInt64(11), 12, 13, 14])
    func matchesAnIndependentDecimalComputation(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        func int(_ range: ClosedRange<Int64>) -> Int64 { range.lowerBound + Int64(random.next() % UInt64(range.upperBound - range.lowerBound + 1)) }
        let steps: [Int64] = [1, 5, 10, 50, 100]
        for _ in 0..<2_000 {
            let base = int(1...5_000_000)
            let rateUnits = int(1...200_000), rateScale = Int(int(0...6))
            let markup = random.next() % 2 == 0 ? Percent(basisPoints: int(0...5_000)) : nil
            let vat = random.next() % 2 == 0 ? Percent(basisPoints: int(0...2_500)) : nil
            let step = steps[Int(random.next() % UInt64(steps.count))]
            let rounding = RoundingRule.allCases[Int(random.next() % 3)]
            let rule = PriceRule(rate: DecimalRatio(units: rateUnits, scale: rateScale), currency: .cny, stepMinor: step,
                                 rounding: rounding, markup: markup, vat: vat)
            let got = PricePlanner(rule: rule).derive(baseMinor: base).price.minorUnits

            // Independent: exact decimal product, then one rounding to the step with Decimal's own rounding.
            var exact = Decimal(base) * Decimal(sign: .plus, exponent: -rateScale, significand: Decimal(rateUnits))
            if let markup { exact *= 1 + Decimal(markup.basisPoints) / 10_000 }
            if let vat { exact *= 1 + Decimal(vat.basisPoints) / 10_000 }
            var steps = exact / Decimal(step)
            var whole = Decimal()
            let mode: NSDecimalNumber.RoundingMode = switch rounding {
            case .down: .down
            case .up: .up
            case .nearest: .plain
            }
            NSDecimalRound(&whole, &steps, 0, mode)
            let expected = max(NSDecimalNumber(decimal: whole * Decimal(step)).int64Value, step)
            #expect(got == expected, "base \(base) rate \(rateUnits)e-\(rateScale) markup \(String(describing: markup)) vat \(String(describing: vat)) step \(step) \(rounding)")
        }
    }
}
