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
