/// Everything the Epinduo sandbox holds: what it was sent (stock, prices, shipments, request counts), its
/// orders and its armed faults. It is what `GET /_sandbox/state` answers and what the state file stores.
struct EpinduoSandboxState: Sendable, Hashable, Codable {
    /// Stock by `"<goods_id>:<sku_id>"`.
    public var stock: [String: StockEntry] = [:]
    /// Prices by `"<goods_id>:<sku_id>"`.
    public var prices: [String: PriceEntry] = [:]
    /// Orders by `order_sn`.
    public var orders: [String: EpinduoSandboxOrder] = [:]
    /// Shipments confirmed, by `order_sn`.
    public var shipments: [String: ShipmentEntry] = [:]
    /// Router calls received, by `type` (rejected ones included).
    var requestCounts: [String: Int] = [:]
    /// Faults still armed, in the order they were added.
    public var faults: [EpinduoSandboxFault] = []
    /// Router calls answered "too frequent" by the sandbox's rate limit (armed throttle faults not included).
    public var throttled: Int = 0
    /// Orders updated between the page reads of a listing, when armed.
    var orderChurn: EpinduoSandboxOrderChurn?

    /// An empty world.
    public init() {}

    /// The stock of one SKU.
    struct StockEntry: Sendable, Hashable, Codable {
        /// The platform's goods id.
        public var goodsID: String
        /// The platform's SKU id.
        public var skuID: String
        /// The merchant's SKU code, as last sent.
        public var outerID: String?
        /// Units on offer.
        public var quantity: Int64
        /// An entry.
        public init(goodsID: String, skuID: String, outerID: String?, quantity: Int64) {
            self.goodsID = goodsID
            self.skuID = skuID
            self.outerID = outerID
            self.quantity = quantity
        }
        enum CodingKeys: String, CodingKey {
            case goodsID = "goods_id", skuID = "sku_id", outerID = "outer_id", quantity
        }
    }

    /// The prices of one SKU, in fen.
    struct PriceEntry: Sendable, Hashable, Codable {
        /// The platform's goods id.
        public var goodsID: String
        /// The platform's SKU id.
        public var skuID: String
        /// Team-buy price, fen.
        var groupPrice: Int64
        /// Buy-alone price, fen.
        var singlePrice: Int64
        /// Whether the SKU is on sale.
        var isOnSale: Bool
        /// An entry.
        public init(goodsID: String, skuID: String, groupPrice: Int64, singlePrice: Int64, isOnSale: Bool) {
            self.goodsID = goodsID
            self.skuID = skuID
            self.groupPrice = groupPrice
            self.singlePrice = singlePrice
            self.isOnSale = isOnSale
        }
        enum CodingKeys: String, CodingKey {
            case goodsID = "goods_id", skuID = "sku_id", groupPrice = "group_price", singlePrice = "single_price"
            case isOnSale = "is_onsale"
        }
    }

    /// One confirmed shipment.
    struct ShipmentEntry: Sendable, Hashable, Codable {
        /// The order shipped.
        public var orderSN: String
        /// The courier id sent.
        var logisticsID: String
        /// The tracking number sent.
        public var trackingNumber: String
        /// When the sandbox took it (Unix seconds of its clock).
        var shippedAt: Int64
        /// An entry.
        public init(orderSN: String, logisticsID: String, trackingNumber: String, shippedAt: Int64) {
            self.orderSN = orderSN
            self.logisticsID = logisticsID
            self.trackingNumber = trackingNumber
            self.shippedAt = shippedAt
        }
        enum CodingKeys: String, CodingKey {
            case orderSN = "order_sn", logisticsID = "logistics_id", trackingNumber = "tracking_number"
            case shippedAt = "shipped_at"
        }
    }

    enum CodingKeys: String, CodingKey {
        case stock, prices, orders, shipments, requestCounts = "request_counts", faults, throttled, orderChurn = "order_churn"
    }

    /// Decodes leniently: a state file from an older sandbox that lacks a section starts that section empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stock = try container.decodeIfPresent([String: StockEntry].self, forKey: .stock) ?? [:]
        prices = try container.decodeIfPresent([String: PriceEntry].self, forKey: .prices) ?? [:]
        orders = try container.decodeIfPresent([String: EpinduoSandboxOrder].self, forKey: .orders) ?? [:]
        shipments = try container.decodeIfPresent([String: ShipmentEntry].self, forKey: .shipments) ?? [:]
        requestCounts = try container.decodeIfPresent([String: Int].self, forKey: .requestCounts) ?? [:]
        faults = try container.decodeIfPresent([EpinduoSandboxFault].self, forKey: .faults) ?? []
        throttled = try container.decodeIfPresent(Int.self, forKey: .throttled) ?? 0
        orderChurn = try container.decodeIfPresent(EpinduoSandboxOrderChurn.self, forKey: .orderChurn)
    }
}
