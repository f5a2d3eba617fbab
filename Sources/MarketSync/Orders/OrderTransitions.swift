/// The moves an order (or an order line) may make between the common states, as data.
///
/// A pulled copy that would move a stored order where this table does not allow is not applied: the store keeps
/// the stored order as it was and records an `illegal_transition` incident (docs/architecture.md, "The order life
/// cycle"). Staying in the same state is always allowed, and `unknown` may go to and come from anything (an
/// unknown status says nothing about where the order really is).
///
/// Forward skips are allowed, since a pull every few minutes can miss a state the order passed through (an order
/// first seen `shipped` was `readyToShip` in between). What is not allowed is going back to a state the order
/// has left for good: to a state before acceptance once it was accepted, back to ready once it has shipped, or out
/// of `cancelled` and `refused`.
public enum OrderTransitions {
    /// For each state, the states it may move to (besides itself and `unknown`).
    public static let allowed: [OrderState: Set<OrderState>] = [
        // Mirakl's STAGING (mapped to awaitingPayment) comes before WAITING_ACCEPTANCE, and WAITING_DEBIT after
        // it: the two states before shipping may follow each other either way.
        .pendingAcceptance: [.awaitingPayment, .readyToShip, .shipped, .delivered, .closed, .cancelled, .refused,
                             .returnOrRefundInProgress, .refunded, .incident],
        .awaitingPayment: [.pendingAcceptance, .readyToShip, .shipped, .delivered, .closed, .cancelled, .refused,
                           .returnOrRefundInProgress, .refunded, .incident],
        .readyToShip: [.shipped, .delivered, .closed, .cancelled, .returnOrRefundInProgress, .refunded, .incident],
        .shipped: [.delivered, .closed, .returnOrRefundInProgress, .refunded, .incident],
        .delivered: [.closed, .returnOrRefundInProgress, .refunded, .incident],
        .closed: [.returnOrRefundInProgress, .refunded, .incident],
        // A refund request the shop or the platform declines puts the order back where it was (Epinduo's
        // refund_status back to 1 before or after shipping).
        .returnOrRefundInProgress: [.readyToShip, .shipped, .delivered, .closed, .cancelled, .refunded, .incident],
        .refunded: [.returnOrRefundInProgress, .closed, .cancelled, .incident],
        // An incident closes back into where the order was; it cannot un-accept or un-pay an order.
        .incident: [.readyToShip, .shipped, .delivered, .closed, .cancelled, .refused, .returnOrRefundInProgress,
                    .refunded],
        .cancelled: [],
        .refused: [],
        .unknown: Set(OrderState.allCases),
    ]

    /// Whether an order (or a line) stored in `from` may move to `to`.
    public static func isAllowed(from: OrderState, to: OrderState) -> Bool {
        if from == to || to == .unknown || from == .unknown { return true }
        return allowed[from]?.contains(to) ?? false
    }
}
