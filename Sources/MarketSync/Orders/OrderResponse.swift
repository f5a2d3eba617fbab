/// What the seller answers a channel about an order: it goes through the outbox like a push (written first,
/// retried, idempotent on the channel's side because the same answer is sent again, never a different one).
public enum OrderResponse: Sendable, Hashable {
    /// Accept or refuse each line (Mirakl's OR21): a line the stock can serve is accepted, the rest refused.
    case acceptance(orderID: String, lines: [OrderLineDecision])
    /// Acknowledge a new purchase order (Walmart's acknowledge).
    case acknowledgement(orderID: String)
    /// Confirm a shipment with its tracking number.
    case shipment(Shipment)

    /// The order answered.
    public var orderID: String {
        switch self {
        case let .acceptance(orderID, _): orderID
        case let .acknowledgement(orderID): orderID
        case let .shipment(shipment): shipment.orderID
        }
    }

    /// The outbox entry that carries the answer.
    public var payload: OutboxPayload {
        switch self {
        case let .acceptance(_, lines): .acceptance(lines)
        case .acknowledgement: .acknowledgement
        case let .shipment(shipment): .shipment(shipment)
        }
    }

    /// The answer an outbox entry carries, or nil for a stock or price entry.
    public init?(key: String, payload: OutboxPayload) {
        switch payload {
        case let .acceptance(lines): self = .acceptance(orderID: key, lines: lines)
        case .acknowledgement: self = .acknowledgement(orderID: key)
        case let .shipment(shipment): self = .shipment(shipment)
        case .stock, .price: return nil
        }
    }
}

/// One line of an order accepted or refused.
public struct OrderLineDecision: Sendable, Hashable, Codable {
    /// The channel's id of the line (Mirakl's `order_line_id`).
    public var line: String
    /// True to accept the line, false to refuse it.
    public var accepted: Bool
    /// Why a line is refused, for the channel and for people.
    public var reason: String?

    public init(line: String, accepted: Bool, reason: String? = nil) {
        self.line = line
        self.accepted = accepted
        self.reason = reason
    }
}
