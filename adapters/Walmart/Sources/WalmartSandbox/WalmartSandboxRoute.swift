/// Which of Walmart's operations a request is, by method and path (the documents' `operationId`s), with the ids its
/// path carries.
struct WalmartSandboxRoute: Sendable, Hashable {
    /// The `operationId`; empty when the path is not Walmart's.
    var operation: String
    /// The `purchaseOrderId` in the path, for order calls.
    var purchaseOrderID: String?
    /// The `feedId` in the path, for a feed's status.
    var feedID: String?
    /// The `subscriptionId` in the path, for deleting a webhook subscription.
    var subscriptionID: String?
    /// Whether the path is known but the method is not allowed on it.
    var wrongMethod = false

    /// The route of `method` on the decoded `path`; `query` decides the feed type of `POST /v3/feeds`.
    init(method: String, path: String, query: [String: String]) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let method = method.uppercased()
        let head = parts.count >= 2 ? Array(parts[0..<2]) : []
        var operation = ""
        var allowed: Set<String> = []
        switch parts.count {
        case 2 where parts == ["v3", "token"]:
            allowed = ["POST"]; operation = "tokenAPI"
        case 3 where head == ["v3", "token"] && parts[2] == "detail":
            allowed = ["GET"]; operation = "getTokenDetail"
        case 2 where parts == ["v3", "inventory"]:
            allowed = ["GET", "PUT"]; operation = method == "PUT" ? "updateInventoryForAnItem" : "getInventory"
        case 2 where parts == ["v3", "price"]:
            allowed = ["PUT"]; operation = "updatePrice"
        case 2 where parts == ["v3", "feeds"]:
            allowed = ["GET", "POST"]
            operation = method == "GET" ? "getAllFeedStatuses" : (query["feedType"] == "price" ? "priceBulkUploads" : "updateBulkInventory")
        case 3 where head == ["v3", "feeds"]:
            allowed = ["GET"]; operation = "getFeedItemStatus"; feedID = parts[2]
        case 2 where parts == ["v3", "orders"]:
            allowed = ["GET"]; operation = "getAllOrders"
        case 3 where head == ["v3", "webhooks"] && parts[2] == "subscriptions":
            allowed = ["GET", "POST"]; operation = method == "GET" ? "getAllSubscriptions" : "createSubscription"
        case 4 where head == ["v3", "webhooks"] && parts[2] == "subscriptions":
            allowed = ["DELETE"]; operation = "deleteSubscription"; subscriptionID = parts[3]
        case 3 where head == ["v3", "orders"] && parts[2] == "released":
            allowed = ["GET"]; operation = "getAllReleasedOrders"
        case 3 where head == ["v3", "orders"]:
            allowed = ["GET"]; operation = "getAnOrder"; purchaseOrderID = parts[2]
        case 4 where head == ["v3", "orders"]:
            purchaseOrderID = parts[2]
            allowed = ["POST"]
            switch parts[3] {
            case "acknowledge": operation = "acknowledgeOrders"
            case "shipping": operation = "shippingUpdates"
            case "cancel": operation = "cancelOrderLines"
            case "refund": operation = "refundOrderLines"
            default: allowed = []
            }
        default:
            break
        }
        if !allowed.isEmpty, !allowed.contains(method) {
            wrongMethod = true
        }
        self.operation = allowed.isEmpty ? "" : operation
    }
}
