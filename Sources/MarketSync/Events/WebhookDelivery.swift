internal import Foundation

/// One HTTP request a channel made to the worker's endpoint to deliver events, exactly as received (the signature
/// covers the raw bytes).
public struct WebhookDelivery: Sendable, Hashable {
    /// `POST`, as sent.
    public var method: String
    /// The request target as sent: path and query.
    public var target: String
    /// The header fields as sent.
    public var headers: [HeaderField]
    /// The body, unchanged.
    public var body: [UInt8]

    /// A delivery as given.
    public init(method: String, target: String, headers: [HeaderField], body: [UInt8]) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The first header named `name` (compared case-insensitively), if any.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
