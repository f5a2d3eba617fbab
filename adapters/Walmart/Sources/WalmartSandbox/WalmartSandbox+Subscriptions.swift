internal import Foundation
internal import MarketSync
internal import Walmart

extension WalmartSandbox {
    /// The `partnerId` the sandbox's subscriptions and events carry.
    static let partnerID = "10000000359"
    /// The `authMethod`s the sandbox delivers with (`OAUTH` would need a token server of the receiver's).
    static let authMethods: Set<String> = ["HMAC", "BASIC_AUTH"]

    /// `getAllSubscriptions`: `{"events": [...]}`, filtered by `subscriptionId`, `eventType`, `resourceName`, `status`.
    static func listSubscriptions(query: [String: String], world: WalmartSandboxState) -> Result<WireResponse, WalmartSandboxError> {
        let matching = world.subscriptions.values.filter { entry in
            (query["subscriptionId"].map { $0 == entry.subscriptionID } ?? true)
                && (query["eventType"].map { $0 == entry.eventType } ?? true)
                && (query["resourceName"].map { $0 == entry.resourceName } ?? true)
                && (query["status"].map { $0 == entry.status } ?? true)
        }.sorted { $0.subscriptionID < $1.subscriptionID }
        return .success(json(200, ["events": matching.map(\.json)]))
    }

    /// `createSubscription`: `{"events": [{eventType, eventVersion, resourceName, eventUrl, status, authDetails}]}`;
    /// each record needs the five fields, an absolute http(s) `eventUrl`, `status` `ACTIVE` or `INACTIVE`, and an
    /// `authMethod` of `HMAC` or `BASIC_AUTH` (the latter with `userName` and `password`) when `authDetails` is given.
    /// Answers the records created with their `subscriptionId`s. Nothing is created unless every record is right.
    static func createSubscriptions(_ request: WireRequest, world: inout WalmartSandboxState) -> Result<WireResponse, WalmartSandboxError> {
        guard let body = WalmartJSON.object(request.body), let events = body["events"] as? [Any], !events.isEmpty else {
            return .failure(.invalid("events", "events must be a non-empty list"))
        }
        var created: [WalmartSandboxSubscription] = []
        for (index, entry) in events.enumerated() {
            let path = "events[\(index)]"
            guard let record = entry as? [String: Any] else { return .failure(.invalid(path, "not an object")) }
            var fields: [String: String] = [:]
            for name in ["eventType", "eventVersion", "resourceName", "eventUrl", "status"] {
                guard let value = WalmartJSON.string(record[name]), !value.isEmpty else {
                    return .failure(.invalid("\(path).\(name)", "\(name) is required"))
                }
                fields[name] = value
            }
            guard let url = URL(string: fields["eventUrl"] ?? ""), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                return .failure(.invalid("\(path).eventUrl", "eventUrl must be an absolute http(s) URL"))
            }
            guard ["ACTIVE", "INACTIVE"].contains(fields["status"] ?? "") else {
                return .failure(.invalid("\(path).status", "status must be ACTIVE or INACTIVE"))
            }
            var subscription = WalmartSandboxSubscription(
                subscriptionID: "", eventType: fields["eventType"] ?? "", eventVersion: fields["eventVersion"] ?? "",
                resourceName: fields["resourceName"] ?? "", eventURL: fields["eventUrl"] ?? "", status: fields["status"] ?? "")
            if let auth = record["authDetails"] as? [String: Any] {
                guard let method = WalmartJSON.string(auth["authMethod"]), authMethods.contains(method) else {
                    return .failure(.invalid("\(path).authDetails.authMethod", "authMethod must be one of \(authMethods.sorted().joined(separator: ", "))"))
                }
                subscription.authMethod = method
                subscription.authHeaderName = WalmartJSON.string(auth["authHeaderName"])
                if method == "BASIC_AUTH" {
                    guard let user = WalmartJSON.string(auth["userName"]), !user.isEmpty,
                          let password = WalmartJSON.string(auth["password"]), !password.isEmpty else {
                        return .failure(.invalid("\(path).authDetails", "BASIC_AUTH needs userName and password"))
                    }
                    subscription.userName = user
                    subscription.password = password
                }
            }
            created.append(subscription)
        }
        for index in created.indices {
            world.subscriptionsCreated += 1
            created[index].subscriptionID = String(format: "sub-%06d", world.subscriptionsCreated)
            world.subscriptions[created[index].subscriptionID] = created[index]
        }
        return .success(json(200, ["events": created.map(\.json)]))
    }

    /// `deleteSubscription`: `{"subscriptionId", "message"}`; an unknown id is 404 `CONTENT_NOT_FOUND`.
    static func deleteSubscription(_ id: String, world: inout WalmartSandboxState) -> Result<WireResponse, WalmartSandboxError> {
        guard world.subscriptions.removeValue(forKey: id) != nil else {
            return .failure(.notFound("no subscription \(id)", api: "GMP_NOTIFICATION_API"))
        }
        return .success(json(200, ["subscriptionId": id, "message": "Successfully deleted subscription"]))
    }
}
