internal import Foundation
internal import MarketSync

/// An error the sandbox answers in Walmart's shape: `{"errors": [{"code", "field", "description", "category",
/// "severity"}]}` with its HTTP status (docs/channels.md, "Errors and throttling").
struct WalmartSandboxError: Error, Sendable {
    var status: Int
    var code: String
    var field: String?
    var description: String
    /// `APPLICATION`, `SYSTEM`, `REQUEST` or `DATA`.
    var category = "DATA"
    /// `INFO`, `WARN` or `ERROR`.
    var severity = "ERROR"
    var headers: [HeaderField] = []

    /// 400 `INVALID_REQUEST_CONTENT` about `field`.
    static func invalid(_ field: String, _ description: String) -> WalmartSandboxError {
        WalmartSandboxError(status: 400, code: "INVALID_REQUEST_CONTENT", field: field, description: description)
    }

    /// 400 `INVALID_REQUEST_PARAM` about a query parameter.
    static func invalidParam(_ field: String, _ description: String) -> WalmartSandboxError {
        WalmartSandboxError(status: 400, code: "INVALID_REQUEST_PARAM", field: field, description: description, category: "REQUEST")
    }

    /// 400 `MISSING_REQUEST_PARAM` for a query parameter that must be there.
    static func missingParam(_ field: String) -> WalmartSandboxError {
        WalmartSandboxError(status: 400, code: "MISSING_REQUEST_PARAM", field: field, description: "\(field) is required", category: "REQUEST")
    }

    /// 404 `CONTENT_NOT_FOUND.GMP_ORDER_API` (or another API's suffix): nothing matches (an `INFO`, as Walmart sends it).
    static func notFound(_ description: String, api: String = "GMP_ORDER_API") -> WalmartSandboxError {
        WalmartSandboxError(status: 404, code: "CONTENT_NOT_FOUND.\(api)", field: "data", description: description,
                            category: "APPLICATION", severity: "INFO")
    }

    /// 401 `UNAUTHORIZED`.
    static func unauthorized(_ description: String) -> WalmartSandboxError {
        WalmartSandboxError(status: 401, code: "UNAUTHORIZED", description: description, category: "REQUEST")
    }

    /// The answer.
    var response: WireResponse {
        var entry: [String: Any] = ["code": code, "description": description, "category": category, "severity": severity]
        if let field { entry["field"] = field }
        return WalmartSandbox.json(status, ["errors": [entry]], headers: headers)
    }
}
