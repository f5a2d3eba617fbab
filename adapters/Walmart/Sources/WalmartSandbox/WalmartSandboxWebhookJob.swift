internal import Foundation

/// One event to deliver to one subscription: the body is made once, so every attempt carries the same `eventId`.
struct WalmartSandboxWebhookJob: Sendable, Hashable {
    /// `source.eventId`.
    var eventID: String
    /// `PO_CREATED` or `PO_LINE_AUTOCANCELLED`.
    var eventType: String
    /// The order it is about.
    var purchaseOrderID: String
    /// The subscription it goes to (its URL and authentication).
    var subscription: WalmartSandboxSubscription
    /// The JSON body.
    var body: Data
}
