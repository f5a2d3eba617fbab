import Testing
import MarketSync

@Suite struct OrderTransitionsTests {
    @Test(arguments: [
        (OrderState.shipped, OrderState.awaitingPayment), (.delivered, .pendingAcceptance), (.cancelled, .readyToShip),
        (.refused, .readyToShip), (.readyToShip, .pendingAcceptance), (.readyToShip, .awaitingPayment),
        (.shipped, .readyToShip), (.closed, .shipped), (.refunded, .readyToShip), (.incident, .pendingAcceptance),
        (.cancelled, .refunded), (.shipped, .cancelled),
    ])
    func movesBackAreIllegal(_ from: OrderState, _ to: OrderState) {
        #expect(!OrderTransitions.isAllowed(from: from, to: to))
    }

    @Test(arguments: [
        (OrderState.pendingAcceptance, OrderState.awaitingPayment), (.awaitingPayment, .pendingAcceptance),
        (.pendingAcceptance, .readyToShip), (.pendingAcceptance, .refused), (.readyToShip, .shipped),
        (.readyToShip, .cancelled), (.pendingAcceptance, .delivered), (.shipped, .returnOrRefundInProgress),
        (.returnOrRefundInProgress, .readyToShip), (.returnOrRefundInProgress, .refunded), (.refunded, .closed),
        (.incident, .closed), (.delivered, .incident),
    ])
    func forwardMovesAndSkipsAreLegal(_ from: OrderState, _ to: OrderState) {
        #expect(OrderTransitions.isAllowed(from: from, to: to))
    }

    @Test func unknownGoesToAndComesFromAnythingAndStayingIsAlwaysLegal() {
        for state in OrderState.allCases {
            #expect(OrderTransitions.isAllowed(from: .unknown, to: state))
            #expect(OrderTransitions.isAllowed(from: state, to: .unknown))
            #expect(OrderTransitions.isAllowed(from: state, to: state))
        }
        // Every state has a row: a state added later must be placed in the table.
        #expect(Set(OrderTransitions.allowed.keys) == Set(OrderState.allCases))
    }
}
