internal import Foundation
internal import MarketSync

/// A successful answer: its JSON object, and what is needed to report it when it is not what the documents say.
/// Not `Sendable` (a `[String: Any]`): it is read in the task that received it.
struct WalmartAnswer {
    /// The decoded top-level object.
    var object: [String: Any]
    /// The HTTP status.
    var status: Int
    /// The raw body, for an excerpt.
    var body: Data
    /// The channel, operation and subject, for errors.
    var channel: ChannelID
    var operation: String
    var sku: SKU?
    var key: String?
    /// Values never quoted (the secret, the token).
    var secrets: [String]

    /// `.protocolViolation`: the answer lacks what the documents promise (`problem`), with a short masked excerpt.
    func violation(_ problem: String, field: String? = nil) -> MarketSyncError {
        let excerpt = ResponseExcerpt.make(body, redacting: secrets)
        return MarketSyncError(.protocolViolation, "\(channel) \(operation): \(problem) (HTTP \(status), \"\(excerpt)\")",
                               channel: channel, sku: sku, key: field ?? key)
    }
}
