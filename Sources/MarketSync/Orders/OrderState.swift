/// The common order state every channel's statuses map into (docs/channels.md, "Order states").
public enum OrderState: String, Sendable, Hashable, Codable, CaseIterable {
    case pendingAcceptance
    case awaitingPayment
    case readyToShip
    case shipped
    case delivered
    case closed
    case cancelled
    case refused
    case returnOrRefundInProgress
    case refunded
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
