/// An order the sandbox holds, in the platform's terms (docs/channels.md, "Orders"). Times are Unix seconds here;
/// the order list answers `updated_at` as China-time text, like the platform.
struct EpinduoSandboxOrder: Sendable, Hashable, Codable {
    /// The order number.
    public var orderSN: String
    /// When it last changed (Unix seconds).
    public var updatedAt: Int64
    /// 1 awaiting shipment, 2 shipped, 3 received.
    public var orderStatus: Int
    /// 1 none, 2 after-sales, 3 refunding, 4 refunded.
    public var refundStatus: Int
    /// 0 not concluded, 1 concluded, 2 cancelled.
    public var confirmStatus: Int
    /// 0 forming, 1 formed, 2 failed.
    public var groupStatus: Int
    /// Set when shipped.
    public var trackingNumber: String?
    /// Set when shipped.
    var logisticsID: String?
    /// The lines.
    public var items: [Item]

    /// One line of an order.
    public struct Item: Sendable, Hashable, Codable {
        /// The platform's goods id.
        public var goodsID: String
        /// The platform's SKU id.
        public var skuID: String
        /// The merchant's SKU code.
        public var outerID: String?
        /// Units.
        public var goodsCount: Int64
        /// Unit price in fen.
        public var goodsPriceFen: Int64
        /// A line.
        public init(goodsID: String, skuID: String, outerID: String?, goodsCount: Int64, goodsPriceFen: Int64) {
            self.goodsID = goodsID
            self.skuID = skuID
            self.outerID = outerID
            self.goodsCount = goodsCount
            self.goodsPriceFen = goodsPriceFen
        }
        enum CodingKeys: String, CodingKey {
            case goodsID = "goods_id", skuID = "sku_id", outerID = "outer_id", goodsCount = "goods_count"
            case goodsPriceFen = "goods_price_fen"
        }
    }

    /// An order; by default concluded, formed, awaiting shipment, no refund.
    public init(orderSN: String, updatedAt: Int64, orderStatus: Int = 1, refundStatus: Int = 1, confirmStatus: Int = 1,
                groupStatus: Int = 1, trackingNumber: String? = nil, logisticsID: String? = nil, items: [Item]) {
        self.orderSN = orderSN
        self.updatedAt = updatedAt
        self.orderStatus = orderStatus
        self.refundStatus = refundStatus
        self.confirmStatus = confirmStatus
        self.groupStatus = groupStatus
        self.trackingNumber = trackingNumber
        self.logisticsID = logisticsID
        self.items = items
    }

    /// What the buyer paid, in fen.
    public var payAmountFen: Int64 {
        items.reduce(0) { $0 + $1.goodsPriceFen * $1.goodsCount }
    }

    enum CodingKeys: String, CodingKey {
        case orderSN = "order_sn", updatedAt = "updated_at", orderStatus = "order_status", refundStatus = "refund_status"
        case confirmStatus = "confirm_status", groupStatus = "group_status", trackingNumber = "tracking_number"
        case logisticsID = "logistics_id", items
    }
}

extension EpinduoSandboxOrder {
    /// The message-service event the sandbox sends for an order that appeared (`old` nil) or changed, named like the
    /// platform's order events (docs/channels.md, "Message service"): a new order `pdd_trade_TradeConfirmed`, shipped
    /// `pdd_trade_TradeSellerShip`, received `pdd_trade_TradeSuccess`, an after-sale or refund started
    /// `pdd_refund_RefundCreated`, refunded `pdd_refund_RefundAgreeAgreement`; any other change (cancelled, updated)
    /// `pdd_trade_TradeMemoModified`. Which event the platform sends for a cancellation is not known to us.
    static func messageType(from old: EpinduoSandboxOrder?, to new: EpinduoSandboxOrder) -> String {
        guard let old else { return "pdd_trade_TradeConfirmed" }
        if new.refundStatus != old.refundStatus {
            if new.refundStatus == 4 { return "pdd_refund_RefundAgreeAgreement" }
            if new.refundStatus == 2 || new.refundStatus == 3 { return "pdd_refund_RefundCreated" }
        }
        if new.orderStatus != old.orderStatus {
            if new.orderStatus == 2 { return "pdd_trade_TradeSellerShip" }
            if new.orderStatus == 3 { return "pdd_trade_TradeSuccess" }
        }
        return "pdd_trade_TradeMemoModified"
    }
}
