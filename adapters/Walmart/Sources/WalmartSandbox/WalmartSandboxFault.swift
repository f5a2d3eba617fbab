/// An answer the sandbox gives instead of serving the next `times` matching calls, so tests and demos can make
/// Walmart throttle, refuse a value, fail, garble an answer or let a token run out mid-run.
struct WalmartSandboxFault: Sendable, Hashable, Codable {
    /// The document's `operationId` it applies to (`updateInventoryForAnItem`); `*` or nil for every call but the
    /// token call, `tokenAPI` for that one.
    var operation: String?
    /// Only calls about this SKU (the `sku` query, or the body's `sku`).
    var sku: String?
    /// Only calls about this order.
    var purchaseOrderID: String?
    /// What it does.
    var kind: Kind
    /// The HTTP status (by kind: 400 for `error`, 200 for `html` and `truncated`).
    var httpStatus: Int?
    /// The error `code` answered (`error`).
    var code: String?
    /// The error `field`, if any.
    var field: String?
    /// The error `description`.
    var description: String?
    /// A `Retry-After` header value in seconds, if any.
    var retryAfter: Int?
    /// How many more calls it answers.
    var times: Int

    /// What a fault does.
    enum Kind: String, Sendable, Hashable, Codable {
        /// Walmart's `{"errors": [...]}` with `httpStatus` (a 429 throttle, a 500 outage, a 400 refusal).
        case error
        /// A gateway's HTML page: the call never reached Walmart, nothing changed.
        case html
        /// The call is served, its answer cut off halfway (a dropped connection).
        case truncated
        /// Every token issued runs out now: this call answers 401 `UNAUTHORIZED`, as if its token had just expired.
        case expireToken = "expire_token"
    }

    enum CodingKeys: String, CodingKey {
        case operation, sku, purchaseOrderID = "purchase_order_id", kind, httpStatus = "http_status", code, field, description
        case retryAfter = "retry_after", times
    }

    /// Reads a fault leniently: `kind` defaults to `error`, `times` to 1.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        operation = try container.decodeIfPresent(String.self, forKey: .operation)
        sku = try container.decodeIfPresent(String.self, forKey: .sku)
        purchaseOrderID = try container.decodeIfPresent(String.self, forKey: .purchaseOrderID)
        kind = try container.decodeIfPresent(Kind.self, forKey: .kind) ?? .error
        httpStatus = try container.decodeIfPresent(Int.self, forKey: .httpStatus)
        code = try container.decodeIfPresent(String.self, forKey: .code)
        field = try container.decodeIfPresent(String.self, forKey: .field)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        retryAfter = try container.decodeIfPresent(Int.self, forKey: .retryAfter)
        times = try container.decodeIfPresent(Int.self, forKey: .times) ?? 1
    }

    /// Whether this fault answers a call of `operation` about `sku` and `purchaseOrderID`.
    func matches(operation callOperation: String, sku callSKU: String?, purchaseOrderID callOrder: String?) -> Bool {
        guard times > 0 else { return false }
        switch operation {
        case nil, "*": if callOperation == "tokenAPI" { return false }
        case let wanted?: if wanted != callOperation { return false }
        }
        if let sku, sku != callSKU { return false }
        if let purchaseOrderID, purchaseOrderID != callOrder { return false }
        return true
    }
}
