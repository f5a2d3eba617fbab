/// An error the sandbox answers instead of serving the next `times` matching router calls, so tests and demos
/// can make the channel throttle, reject a value or fail; or, with `garble`, a success answer that cannot be read.
struct EpinduoSandboxFault: Sendable, Hashable, Codable {
    /// The method (`type`) it applies to; `*` or nil for every method.
    public var type: String?
    /// Only calls for this SKU id (`sku_id`, or an entry of `sku_price_list`).
    public var skuID: String?
    /// Only calls for this goods id.
    public var goodsID: String?
    /// Only calls for this order.
    public var orderSN: String?
    /// The `error_code` answered.
    public var errorCode: Int
    /// The `error_msg` answered.
    public var errorMessage: String
    /// The `sub_code` answered, if any.
    public var subCode: String?
    /// How many more calls it answers.
    public var times: Int
    /// The HTTP status (200 when nil, as the platform does).
    public var httpStatus: Int?
    /// A `Retry-After` header value in seconds, if any.
    public var retryAfter: Int?
    /// Instead of an `error_response`, a body that is not JSON (`error_code` and `error_msg` are then unused).
    var garble: Garble?

    /// What a garbled answer looks like.
    enum Garble: String, Sendable, Hashable, Codable {
        /// A gateway's HTML error page: the call never reached the router, nothing changed.
        case html
        /// The router's real answer cut off halfway: the call was served (a stock or price update took effect),
        /// only the answer was lost on the way.
        case truncated
    }

    /// A fault.
    public init(type: String?, skuID: String? = nil, goodsID: String? = nil, orderSN: String? = nil, errorCode: Int = 0,
                errorMessage: String = "sandbox fault", subCode: String? = nil, times: Int = 1, httpStatus: Int? = nil,
                retryAfter: Int? = nil, garble: Garble? = nil) {
        self.type = type
        self.skuID = skuID
        self.goodsID = goodsID
        self.orderSN = orderSN
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.subCode = subCode
        self.times = times
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
        self.garble = garble
    }

    enum CodingKeys: String, CodingKey {
        case type, skuID = "sku_id", goodsID = "goods_id", orderSN = "order_sn", errorCode = "error_code"
        case errorMessage = "error_msg", subCode = "sub_code", times, httpStatus = "http_status", retryAfter = "retry_after"
        case garble
    }

    /// Reads a fault leniently (ids as numbers or strings; `times` defaults to 1, `error_msg` to a generic one;
    /// `error_code` is required unless the fault garbles).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String? {
            if let value = try? container.decodeIfPresent(String.self, forKey: key) { return value }
            return try container.decodeIfPresent(Int64.self, forKey: key).map(String.init)
        }
        type = try container.decodeIfPresent(String.self, forKey: .type)
        skuID = try text(.skuID)
        goodsID = try text(.goodsID)
        orderSN = try text(.orderSN)
        garble = try container.decodeIfPresent(Garble.self, forKey: .garble)
        errorCode = garble == nil ? try container.decode(Int.self, forKey: .errorCode)
            : try container.decodeIfPresent(Int.self, forKey: .errorCode) ?? 0
        errorMessage = try container.decodeIfPresent(String.self, forKey: .errorMessage) ?? "sandbox fault"
        subCode = try container.decodeIfPresent(String.self, forKey: .subCode)
        times = try container.decodeIfPresent(Int.self, forKey: .times) ?? 1
        httpStatus = try container.decodeIfPresent(Int.self, forKey: .httpStatus)
        retryAfter = try container.decodeIfPresent(Int.self, forKey: .retryAfter)
    }

    /// Whether this fault answers a call of `type` about these ids.
    func matches(type callType: String, skuIDs: Set<String>, goodsID callGoods: String?, orderSN callOrder: String?) -> Bool {
        guard times > 0 else { return false }
        if let type, type != "*", type != callType { return false }
        if let skuID, !skuIDs.contains(skuID) { return false }
        if let goodsID, goodsID != callGoods { return false }
        if let orderSN, orderSN != callOrder { return false }
        return true
    }
}
