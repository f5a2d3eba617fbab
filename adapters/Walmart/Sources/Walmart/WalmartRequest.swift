internal import Foundation
internal import MarketSync

/// One call of Walmart's API as the adapter means it, before headers and the token are added.
struct WalmartRequest: Sendable {
    /// The document's `operationId` (`updateInventoryForAnItem`): what errors and logs name.
    var operation: String
    /// `GET`, `PUT`, `POST`.
    var method: String
    /// The path and query after the base URL, already encoded (`/v3/feeds/abc%40def?includeDetails=true`).
    var target: String
    /// The body; empty for none.
    var body = Data()
    /// The body's content type, when there is a body.
    var contentType: String?
    /// The SKU the call is about, for errors.
    var sku: SKU?
    /// The order or feed the call is about, for errors (`order 1796277083022`).
    var key: String?

    /// A call to `path` (segments encoded one by one) with `query` (encoded), and an optional body.
    init(_ operation: String, _ method: String, path segments: [String], query: [(String, String)] = [],
         body: Data = Data(), contentType: String? = nil, sku: SKU? = nil, key: String? = nil) {
        self.operation = operation
        self.method = method
        var target = "/" + segments.map(WalmartPercentEncoding.encode).joined(separator: "/")
        if !query.isEmpty { target += "?" + WalmartPercentEncoding.query(query) }
        self.target = target
        self.body = body
        self.contentType = contentType
        self.sku = sku
        self.key = key
    }

    /// A call to a target given whole (`/v3/orders` followed by a `nextCursor` query string, as Walmart says).
    init(_ operation: String, _ method: String, target: String, key: String? = nil) {
        self.operation = operation
        self.method = method
        self.target = target
        self.key = key
    }

    /// The full URL under `base` (its own path, if any, kept in front); nil when the target does not make a URL.
    func url(under base: URL) -> URL? {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text + target)
    }
}
