/// The common order state every channel's statuses map into (docs/channels.md, "Order states").
public enum OrderState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Placed; the shop must accept or refuse it. Reserves stock.
    case pendingAcceptance
    /// Not paid, or not actionable yet (a team-buy still forming). Reserves stock; cannot ship.
    case awaitingPayment
    /// Paid and accepted, waiting to be sent: the only state a shipment may be confirmed in. Reserves stock.
    case readyToShip
    /// Handed to the carrier (Epinduo `order_status=2`); the stock has left, so it holds none back.
    case shipped
    /// Received by the buyer (Epinduo `order_status=3`).
    case delivered
    /// Finished on the channel; holds no stock back.
    case closed
    /// Cancelled (Epinduo `confirm_status=2`); holds no stock back and cannot ship.
    case cancelled
    /// Refused by the shop (every line of it); holds no stock back.
    case refused
    /// A return, an after-sales case or a refund is under way (Epinduo `refund_status` 2 or 3); holds no stock
    /// back, even before the order shipped.
    case returnOrRefundInProgress
    /// The refund is done (Epinduo `refund_status=4`); holds no stock back.
    case refunded
    /// The channel reports an open incident on the order; holds no stock back.
    case incident
    /// A status this version does not know yet; the raw status is kept beside it.
    case unknown

    /// The states in which an order may be confirmed as shipped: paid, accepted and not yet sent. An order
    /// awaiting payment (a team-buy not yet formed), cancelled, refused or already shipped must not be.
    public static let shippable: Set<OrderState> = [.readyToShip]

    /// Whether a shipment may be confirmed for an order in this state.
    public var isShippable: Bool { Self.shippable.contains(self) }

    /// Whether the order's lines hold stock back from what is offered.
    public var reservesStock: Bool {
        switch self {
        case .pendingAcceptance, .awaitingPayment, .readyToShip, .unknown: true
        default: false
        }
    }
}
