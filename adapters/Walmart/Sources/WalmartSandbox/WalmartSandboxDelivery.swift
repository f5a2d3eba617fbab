/// One attempt the sandbox made to deliver an event to a subscription, and what came back.
struct WalmartSandboxDelivery: Sendable, Hashable, Codable {
    /// `source.eventId`: the same on every attempt of one event.
    var eventID: String
    /// `PO_CREATED` or `PO_LINE_AUTOCANCELLED`.
    var eventType: String
    /// The order.
    var purchaseOrderID: String
    /// The subscription it went to.
    var subscriptionID: String
    /// 1 for the first attempt.
    var attempt: Int
    /// The HTTP status answered; nil when the request failed (`error` says why).
    var status: Int?
    /// The answer's body (short), or the transport's error.
    var answer: String
    /// Whether this was the deliberate second copy of a delivered event (`deliver_twice`).
    var repeated: Bool
    /// When it was sent, epoch milliseconds of the sandbox's clock.
    var sentAt: Int64

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id", eventType = "event_type", purchaseOrderID = "purchase_order_id", subscriptionID = "subscription_id"
        case attempt, status, answer, repeated, sentAt = "sent_at"
    }
}
