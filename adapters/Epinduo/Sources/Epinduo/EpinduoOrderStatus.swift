internal import MarketSync

/// The four status fields of an Epinduo order, and what they mean together in the common order state
/// (docs/channels.md, "Orders": the fields, and our mapping).
struct EpinduoOrderStatus: Sendable, Hashable, CustomStringConvertible {
    /// 1 awaiting shipment, 2 shipped awaiting receipt, 3 received.
    public var orderStatus: Int?
    /// 1 none or closed, 2 after-sales in progress, 3 refund in progress, 4 refunded.
    public var refundStatus: Int?
    /// 0 not concluded, 1 concluded, 2 cancelled.
    public var confirmStatus: Int?
    /// 0 team-buy forming, 1 formed, 2 failed.
    public var groupStatus: Int?

    /// The fields as the channel sent them (nil when absent).
    public init(orderStatus: Int?, refundStatus: Int?, confirmStatus: Int?, groupStatus: Int?) {
        self.orderStatus = orderStatus
        self.refundStatus = refundStatus
        self.confirmStatus = confirmStatus
        self.groupStatus = groupStatus
    }

    /// The common state. Precedence matters: a cancelled or refunded order may still say `order_status=1`,
    /// and an unformed team-buy is not ready to ship whatever `order_status` says (docs/channels.md, "Orders").
    public var state: OrderState {
        if confirmStatus == 2 { return .cancelled }
        if refundStatus == 4 { return .refunded }
        if refundStatus == 2 || refundStatus == 3 { return .returnOrRefundInProgress }
        if confirmStatus == 0 || groupStatus == 0 { return .awaitingPayment }
        switch orderStatus {
        case 1: return .readyToShip
        case 2: return .shipped
        case 3: return .delivered
        default: return .unknown
        }
    }

    /// `order_status=1;refund_status=1;confirm_status=1;group_status=1`, only the fields present.
    public var rawStatus: String {
        [("order_status", orderStatus), ("refund_status", refundStatus), ("confirm_status", confirmStatus),
         ("group_status", groupStatus)]
            .compactMap { name, value in value.map { "\(name)=\($0)" } }
            .joined(separator: ";")
    }

    /// The raw status.
    public var description: String { rawStatus }
}
