/// One webhook subscription the sandbox holds (`CreateSubscriptionRequestRecord` with its `subscriptionId`), and where
/// it delivers.
struct WalmartSandboxSubscription: Sendable, Hashable, Codable {
    /// `subscriptionId`.
    var subscriptionID: String
    /// `eventType` (`PO_CREATED`, `PO_LINE_AUTOCANCELLED`, …).
    var eventType: String
    /// `eventVersion`.
    var eventVersion: String
    /// `resourceName`.
    var resourceName: String
    /// `eventUrl`: where events are posted.
    var eventURL: String
    /// `ACTIVE` or `INACTIVE`: only active ones are delivered.
    var status: String
    /// `authDetails.authMethod`: `HMAC`, `BASIC_AUTH`, or nil for none.
    var authMethod: String?
    /// `authDetails.authHeaderName`.
    var authHeaderName: String?
    /// `authDetails.userName` (BASIC_AUTH).
    var userName: String?
    /// `authDetails.password` (BASIC_AUTH); echoed in listings, as Walmart's examples show.
    var password: String?

    /// The record as Walmart lists it.
    var json: [String: Any] {
        var object: [String: Any] = [
            "subscriptionId": subscriptionID, "partnerId": WalmartSandbox.partnerID, "eventType": eventType,
            "eventVersion": eventVersion, "resourceName": resourceName, "eventUrl": eventURL, "status": status,
            "headers": ["content-type": "application/json"],
        ]
        if let authMethod {
            var auth: [String: Any] = ["authMethod": authMethod]
            if let authHeaderName { auth["authHeaderName"] = authHeaderName }
            if let userName { auth["userName"] = userName }
            if let password { auth["password"] = password }
            object["authDetails"] = auth
        }
        return object
    }

    enum CodingKeys: String, CodingKey {
        case subscriptionID = "subscription_id", eventType = "event_type", eventVersion = "event_version", resourceName = "resource_name"
        case eventURL = "event_url", status, authMethod = "auth_method", authHeaderName = "auth_header_name", userName = "user_name"
        case password
    }
}

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
