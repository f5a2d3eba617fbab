/// The platform's error envelope `{"error_response": {...}}` (docs/channels.md, "Errors"), kept as the underlying
/// error of the `MarketSyncError` it maps to.
struct EpinduoErrorResponse: Error, Sendable, Hashable, CustomStringConvertible {
    /// The numeric error code.
    public var errorCode: Int
    /// The platform's message.
    public var errorMessage: String
    /// A finer code, often naming the field.
    public var subCode: String?
    /// A finer message.
    var subMessage: String?
    /// The platform's id of the failed request, for its support desk.
    public var requestID: String?

    /// An error response with its fields.
    public init(errorCode: Int, errorMessage: String, subCode: String? = nil, subMessage: String? = nil,
                requestID: String? = nil) {
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.subCode = subCode
        self.subMessage = subMessage
        self.requestID = requestID
    }

    /// Reads `error_response` out of a decoded body; nil when there is none. Codes sent as strings are accepted.
    init?(envelope: [String: Any]) {
        guard let body = envelope["error_response"] as? [String: Any] else { return nil }
        let code = EpinduoJSON.int(body["error_code"]) ?? EpinduoJSON.int(body["code"]) ?? -1
        self.init(errorCode: code,
                  errorMessage: EpinduoJSON.string(body["error_msg"]) ?? EpinduoJSON.string(body["msg"]) ?? "",
                  subCode: EpinduoJSON.string(body["sub_code"]).flatMap { $0.isEmpty ? nil : $0 },
                  subMessage: EpinduoJSON.string(body["sub_msg"]).flatMap { $0.isEmpty ? nil : $0 },
                  requestID: EpinduoJSON.string(body["request_id"]))
    }

    /// `error_code=N: message (sub_code: sub message)`.
    public var description: String {
        var text = "error_code=\(errorCode): \(errorMessage)"
        if let subCode { text += " (\(subCode)" + (subMessage.map { ": \($0)" } ?? "") + ")" }
        return text
    }
}
