public import MarketSync

/// Mirakl's order and line states in the common set (docs/channels.md, "Orders and their states": our mapping, a
/// choice, not Mirakl's). States are read as text, so a state this version does not know is `unknown` with the raw
/// text kept, never an error.
public enum MiraklOrderState {
    /// The common state of one Mirakl state (an order's `order_state` or a line's `order_line_state`).
    public static func state(_ raw: String) -> OrderState {
        switch raw {
        case "STAGING": .awaitingPayment
        case "WAITING_ACCEPTANCE": .pendingAcceptance
        case "WAITING_DEBIT", "WAITING_DEBIT_PAYMENT": .awaitingPayment
        case "SHIPPING": .readyToShip
        case "SHIPPED", "TO_COLLECT": .shipped
        case "RECEIVED": .delivered
        case "CLOSED", "INCIDENT_CLOSED": .closed
        case "REFUSED": .refused
        case "CANCELED": .cancelled
        case "INCIDENT_OPEN": .incident
        case "REFUNDED": .refunded
        // Refund states some connectors list among line states (docs/channels.md, "Where the sources disagree").
        case "WAITING_REFUND", "WAITING_REFUND_PAYMENT": .returnOrRefundInProgress
        default: .unknown
        }
    }

    /// A line's common state from its `order_line_state` and the `state` of each of its `refunds[]`: a refund still
    /// waiting (`WAITING_REFUND`, `WAITING_REFUND_PAYMENT`) makes a live line `returnOrRefundInProgress`; a line
    /// refunded, cancelled, refused, in incident or in a state not known keeps that state.
    public static func lineState(_ raw: String, refunds: [String]) -> OrderState {
        let base = state(raw)
        switch base {
        case .refunded, .cancelled, .refused, .incident, .unknown: return base
        default:
            let waiting = refunds.contains { $0 == "WAITING_REFUND" || $0 == "WAITING_REFUND_PAYMENT" }
            return waiting ? .returnOrRefundInProgress : base
        }
    }

    /// Line states after acceptance: OR21 answered for the line, or the order moved on without it.
    static func isPastAcceptance(_ raw: String) -> Bool {
        raw != "WAITING_ACCEPTANCE" && raw != "STAGING"
    }

    /// Order states in which the order has left the shop: a repeated OR23/OR24 is then done.
    static let shippedOrLater: Set<String> = ["SHIPPED", "TO_COLLECT", "RECEIVED", "CLOSED"]
}
