internal import Foundation
internal import MarketSync

/// One order of `order_sn_increment_get_response.order_sn_list` (docs/channels.md, "Orders"), reduced to what
/// marketsync keeps. Buyer data (`receiver_phone`, names, addresses) is deliberately never read.
struct EpinduoOrderDTO: Sendable, Hashable {
    /// The platform's order number.
    var orderSN: String
    /// The four status fields.
    public var status: EpinduoOrderStatus
    /// When the order last changed.
    public var updatedAt: Date
    /// The carrier's tracking number, once shipped.
    public var trackingNumber: String?
    /// What the buyer paid, in fen.
    public var payAmountFen: Int64?
    /// The order's lines.
    public var items: [Item]

    /// One line of `item_list`.
    public struct Item: Sendable, Hashable {
        /// The platform's goods id.
        public var goodsID: String?
        /// The platform's SKU id.
        public var skuID: String?
        /// The merchant's SKU code (ours).
        public var outerID: String?
        /// Units ordered.
        public var goodsCount: Int64
        /// Unit price in fen.
        public var goodsPriceFen: Int64?
    }

    /// Reads one order object. `updated_at` may be a `yyyy-MM-dd HH:mm:ss` string in China time (what the
    /// platform sends) or Unix seconds.
    init(json: [String: Any]) throws(EpinduoDecodingProblem) {
        guard let sn = EpinduoJSON.string(json["order_sn"]), !sn.isEmpty else { throw .init(field: "order_sn", orderSN: nil) }
        orderSN = sn
        status = EpinduoOrderStatus(orderStatus: EpinduoJSON.int(json["order_status"]),
                                    refundStatus: EpinduoJSON.int(json["refund_status"]),
                                    confirmStatus: EpinduoJSON.int(json["confirm_status"]),
                                    groupStatus: EpinduoJSON.int(json["group_status"]))
        guard let updated = Self.date(json["updated_at"]) else { throw .init(field: "updated_at", orderSN: sn) }
        updatedAt = updated
        trackingNumber = EpinduoJSON.string(json["tracking_number"]).flatMap { $0.isEmpty ? nil : $0 }
        if json["pay_amount"] != nil {
            guard let fen = EpinduoJSON.fen(json["pay_amount"]) else { throw .init(field: "pay_amount", orderSN: sn) }
            payAmountFen = fen
        }
        var lines: [Item] = []
        for entry in json["item_list"] as? [Any] ?? [] {
            guard let item = entry as? [String: Any], let count = EpinduoJSON.int64(item["goods_count"]) else {
                throw .init(field: "item_list.goods_count", orderSN: sn)
            }
            var price: Int64?
            if item["goods_price"] != nil {
                guard let fen = EpinduoJSON.fen(item["goods_price"]) else { throw .init(field: "item_list.goods_price", orderSN: sn) }
                price = fen
            }
            lines.append(Item(goodsID: EpinduoJSON.string(item["goods_id"]), skuID: EpinduoJSON.string(item["sku_id"]),
                              outerID: EpinduoJSON.string(item["outer_id"]).flatMap { $0.isEmpty ? nil : $0 },
                              goodsCount: count, goodsPriceFen: price))
        }
        items = lines
    }

    /// `updated_at` as China-time text or Unix seconds (a number or a string of digits).
    static func date(_ value: Any?) -> Date? {
        if let text = value as? String {
            if let date = EpinduoTime.parseChinaTime(text) { return date }
            return Int64(text).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
        return EpinduoJSON.int64(value).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// The order in the common model. A line's SKU is its `outer_id` (our code) and its listing is
    /// `goods_id:sku_id`, the form the catalog's Epinduo listings take: the store links the line by either. A line
    /// without an `outer_id` carries the listing as its SKU too, so it stays visible if nothing matches.
    var channelOrder: ChannelOrder {
        ChannelOrder(
            id: orderSN, state: status.state, rawStatus: status.rawStatus, updatedAt: updatedAt,
            lines: items.map { item in
                let listing = item.goodsID.flatMap { goods in item.skuID.map { "\(goods):\($0)" } }
                return OrderLine(sku: SKU(item.outerID ?? listing ?? "\(item.goodsID ?? "?"):\(item.skuID ?? "?")"),
                                 quantity: item.goodsCount,
                                 unitPrice: item.goodsPriceFen.map { Money(minorUnits: $0, currency: .cny) }, listing: listing)
            },
            total: payAmountFen.map { Money(minorUnits: $0, currency: .cny) },
            trackingNumber: trackingNumber)
    }
}

/// A field of an order the adapter could not read.
struct EpinduoDecodingProblem: Error, Sendable {
    var field: String
    var orderSN: String?
}
