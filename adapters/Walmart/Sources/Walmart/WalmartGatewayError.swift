/// One entry of Walmart's `{"errors": [...]}` (`GatewayError` in `feeds.json`, `orders.json`, `price.json`; `Error`
/// in `inventory.json`; docs/channels.md, "Errors and throttling"), kept as the underlying error of the
/// `MarketSyncError` it maps to.
public struct WalmartGatewayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error code (`INVALID_REQUEST_CONTENT`, `UNAUTHORIZED`, `REQUEST_THRESHOLD_VIOLATED`, …).
    public var code: String
    /// The field at fault, when Walmart names one.
    public var field: String?
    /// The text: `description` in the documents, `message` on Walmart's error-codes page; either is read.
    public var text: String?
    /// `APPLICATION`, `SYSTEM`, `REQUEST` or `DATA`, when given.
    public var category: String?

    /// An error entry.
    public init(code: String, field: String? = nil, text: String? = nil, category: String? = nil) {
        self.code = code
        self.field = field
        self.text = text
        self.category = category
    }

    /// The code without the suffix naming the API that answered (`CONTENT_NOT_FOUND` of
    /// `CONTENT_NOT_FOUND.GMP_ORDER_API`; `FORBIDDEN` of `FORBIDDEN.GMP_GATEWAY_API`).
    public var baseCode: String {
        code.split(separator: ".", maxSplits: 1).first.map(String.init) ?? code
    }

    /// Reads the entries of an answer's `errors` (top level, or under `list` for the order list; a list, or an object
    /// holding the list under `error` as Walmart's XML-shaped answers do); empty when there are none. An entry without
    /// a string `code` is kept with the code `UNKNOWN`, so it is never silently dropped.
    static func entries(in object: [String: Any]) -> [WalmartGatewayError] {
        func errorList(_ value: Any?) -> [Any] {
            if let list = value as? [Any] { return list }
            if let wrapped = value as? [String: Any] { return wrapped["error"] as? [Any] ?? [] }
            return []
        }
        var list = errorList(object["errors"])
        if list.isEmpty, let inner = object["list"] as? [String: Any] { list = errorList(inner["errors"]) }
        return list.map { entry in
            let fields = entry as? [String: Any] ?? [:]
            return WalmartGatewayError(
                code: WalmartJSON.string(fields["code"]) ?? "UNKNOWN",
                field: WalmartJSON.string(fields["field"]).flatMap { $0.isEmpty ? nil : $0 },
                text: (WalmartJSON.string(fields["description"]) ?? WalmartJSON.string(fields["message"]))
                    .flatMap { $0.isEmpty ? nil : $0 },
                category: WalmartJSON.string(fields["category"]))
        }
    }

    /// `CODE (field): text`.
    public var description: String {
        var out = code
        if let field { out += " (\(field))" }
        if let text { out += ": \(text)" }
        return out
    }
}
