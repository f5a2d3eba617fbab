import MarketSync
import Testing

@Suite struct OrderRollUpTests {
    @Test func anIncidentOnOneLineMakesTheOrderAnIncident() {
        #expect(OrderState.rollUp([.readyToShip, .incident, .shipped]) == .incident)
    }

    @Test func cancelledAndRefusedLinesAreSetAside() {
        #expect(OrderState.rollUp([.cancelled, .readyToShip]) == .readyToShip)
        #expect(OrderState.rollUp([.cancelled, .refused]) == .refused)
        #expect(OrderState.rollUp([.cancelled, .cancelled]) == .cancelled)
    }

    @Test func theLeastAdvancedLiveLineDecides() {
        #expect(OrderState.rollUp([.shipped, .pendingAcceptance]) == .pendingAcceptance)
        #expect(OrderState.rollUp([.delivered, .shipped]) == .shipped)
        #expect(OrderState.rollUp([.refunded, .delivered]) == .delivered)
    }

    @Test func aRefundUnderWayAndAnUnknownLineAreNeverHidden() {
        #expect(OrderState.rollUp([.shipped, .returnOrRefundInProgress]) == .returnOrRefundInProgress)
        #expect(OrderState.rollUp([.readyToShip, .unknown]) == .unknown)
        #expect(OrderState.rollUp([]) == nil)
    }
}
