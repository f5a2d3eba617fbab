internal import Foundation
internal import Logging
internal import MarketSync

extension WalmartWebhook {
    /// The `eventVersion` and `resourceName` of both order events (Walmart's notifications document).
    static let eventVersion = "V1"
    static let resourceName = "ORDER"

    /// Makes sure Walmart sends `PO_CREATED` and `PO_LINE_AUTOCANCELLED` to the configured URL with the configured
    /// authentication: lists the subscriptions (`getAllSubscriptions`: `GET /v3/webhooks/subscriptions`; a 404
    /// `CONTENT_NOT_FOUND` is none) and creates (`createSubscription`: `POST /v3/webhooks/subscriptions`,
    /// `{"events": [{eventType, eventVersion, resourceName, eventUrl, status: ACTIVE, authDetails}]}`) one for each
    /// event no `ACTIVE` subscription of that URL and `authMethod` covers. Throws what Walmart answered.
    public func ensureSubscribed() async throws {
        let existing = try await subscriptions()
        let url = webhook.url.absoluteString
        let missing = WalmartWebhookPayload.orderEvents.sorted().filter { type in
            !existing.contains { entry in
                WalmartJSON.string(entry["eventType"]) == type && WalmartJSON.string(entry["eventUrl"]) == url
                    && (WalmartJSON.string(entry["status"]) ?? "ACTIVE") == "ACTIVE"
                    && WalmartJSON.string((entry["authDetails"] as? [String: Any])?["authMethod"]) == webhook.authentication.authMethod
            }
        }
        guard !missing.isEmpty else {
            logger.info("walmart webhooks already subscribed", metadata: [LogKey.channel: "\(channel)"])
            return
        }
        let body = try JSONSerialization.data(withJSONObject: ["events": missing.map(subscriptionRecord)],
                                              options: [.sortedKeys, .withoutEscapingSlashes])
        let answer = masked(try await client.call(WalmartRequest("createSubscription", "POST", path: ["v3", "webhooks", "subscriptions"],
                                                                 body: body, contentType: "application/json", key: "webhook subscriptions")))
        let created = answer.object["events"] as? [Any] ?? answer.object["event"] as? [Any]
        guard let created, created.count >= missing.count else {
            throw answer.violation("the answer does not list the \(missing.count) subscriptions created", field: "events")
        }
        logger.notice("walmart webhooks subscribed", metadata: [
            LogKey.channel: "\(channel)", "walmart.events": "\(missing.joined(separator: ","))",
        ])
    }

    /// The subscriptions of the account (`events`, or `event` as the response schema spells it).
    func subscriptions() async throws -> [[String: Any]] {
        let answer: WalmartAnswer
        do {
            answer = masked(try await client.call(WalmartRequest("getAllSubscriptions", "GET", path: ["v3", "webhooks", "subscriptions"],
                                                                 key: "webhook subscriptions")))
        } catch let error as MarketSyncError where error.walmartBaseCode == WalmartErrorMapper.notFoundCode {
            return []
        }
        guard let list = answer.object["events"] as? [Any] ?? answer.object["event"] as? [Any] else {
            throw answer.violation("no events list in the subscriptions", field: "events")
        }
        return list.compactMap { $0 as? [String: Any] }
    }

    /// `answer` with the basic password masked too: subscriptions echo it (Walmart's examples do).
    private func masked(_ answer: WalmartAnswer) -> WalmartAnswer {
        var answer = answer
        if case let .basic(_, password) = webhook.authentication { answer.secrets.append(password) }
        return answer
    }

    /// One `CreateSubscriptionRequestRecord`: HMAC names the header the signature comes in; BASIC_AUTH gives the user,
    /// the password and `Authorization` as the header.
    func subscriptionRecord(_ type: String) -> [String: Any] {
        var auth: [String: Any] = ["authMethod": webhook.authentication.authMethod]
        switch webhook.authentication {
        case .hmac:
            auth["authHeaderName"] = WalmartWebhookSignature.signatureHeader
        case let .basic(user, password):
            auth["authHeaderName"] = "Authorization"
            auth["userName"] = user
            auth["password"] = password
        }
        return [
            "eventType": type, "eventVersion": Self.eventVersion, "resourceName": Self.resourceName,
            "eventUrl": webhook.url.absoluteString, "status": "ACTIVE", "authDetails": auth,
            "headers": ["content-type": "application/json"],
        ]
    }
}
