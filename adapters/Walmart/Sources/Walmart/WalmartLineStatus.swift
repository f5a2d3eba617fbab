public import MarketSync

/// A Walmart order-line status and the common state it maps to (docs/channels.md, "Orders and their states": our
/// choice, not Walmart's). Compared case-insensitively, so the webhooks' `CANCELLED` and Canada's `Canceled` are read
/// like the documents' `Cancelled`; a status this version does not know is `unknown`, its text kept.
public enum WalmartLineStatus {
    /// The common state of one line status.
    public static func state(of status: String) -> OrderState {
        switch status.trimmingWhitespace().lowercased() {
        case "created": .pendingAcceptance
        case "acknowledged": .readyToShip
        case "shipped": .shipped
        case "delivered": .delivered
        case "cancelled", "canceled": .cancelled
        case "refund": .returnOrRefundInProgress
        case "onhold": .awaitingPayment
        default: .unknown
        }
    }

    /// Whether a line in `status` may be shipped: only `Acknowledged` (docs/channels.md, "Shipping with tracking").
    public static func isShippable(_ status: String) -> Bool {
        state(of: status) == .readyToShip
    }
}
