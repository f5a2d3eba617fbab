/// The common order state every channel's statuses map into (channels README, section 0).
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

    /// Whether the order's lines hold stock back from what is offered.
    public var reservesStock: Bool {
        switch self {
        case .pendingAcceptance, .awaitingPayment, .readyToShip, .unknown: true
        default: false
        }
    }
}
