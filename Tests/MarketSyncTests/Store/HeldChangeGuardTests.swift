import Foundation
@testable import MarketSync
import MarketSyncStore
import Testing

/// What may be approved is decided on the guard that held a price, kept beside the reason, never on its text.
@Suite struct HeldChangeGuardTests {
    typealias F = StoreFixtures

    @Test func theGuardIsDecidedByThePlannerAndKeptByTheStore() async throws {
        let rule = PriceRule(rate: DecimalRatio("0.1")!, currency: .cny, stepMinor: 10, rounding: .nearest,
                             floor: Money(minorUnits: 500, currency: .cny), ceiling: Money(minorUnits: 100_000, currency: .cny),
                             maxChange: Percent("10%"))
        let planner = PricePlanner(rule: rule)
        #expect(planner.verdict(for: Money(minorUnits: 400, currency: .cny), acknowledgedMinor: nil, approvedMinor: nil).guardKind == .floor)
        #expect(planner.verdict(for: Money(minorUnits: 200_000, currency: .cny), acknowledgedMinor: nil, approvedMinor: nil).guardKind == .ceiling)
        #expect(planner.verdict(for: Money(minorUnits: 2_000, currency: .cny), acknowledgedMinor: 1_000, approvedMinor: nil).guardKind == .maxChange)
        #expect(PriceGuard.allCases.filter(\.isApprovable) == [.maxChange])

        let temp = try TemporaryStore()
        defer { temp.remove() }
        // A reason that mentions max_change does not make a floor hold approvable.
        let held = [HeldChange(channel: F.epinduo, sku: "A", from: nil, to: F.cny(400), guardKind: .floor,
                               reason: "4.00 CNY is below the floor 5.00 CNY (max_change does not apply)", heldAt: F.t0),
                    HeldChange(channel: F.epinduo, sku: "B", from: F.cny(1_000), to: F.cny(2_000), guardKind: .maxChange,
                               reason: "change +100%", heldAt: F.t0)]
        try await temp.store.replaceHeldChanges(held, channel: F.epinduo, planned: nil)
        #expect(try await temp.store.heldChanges(for: F.epinduo).map(\.guardKind) == [.floor, .maxChange])
    }
}

extension PricePlanner.Verdict {
    var guardKind: PriceGuard? {
        if case let .hold(kind, _) = self { return kind }
        return nil
    }
}
