public import Foundation
public import MarketSync

/// Why an order from Walmart could not be read: the field at fault and the order it was in.
public struct WalmartOrderProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field (`orderLines.orderLine[0].statusDate`).
    public var field: String
    /// What is wrong with it.
    public var reason: String
    /// The order's `purchaseOrderId`, when it was read before the problem.
    public var purchaseOrderID: String?

    /// `field: reason`.
    public var description: String { "\(field): \(reason)" }
}

/// One purchase order as Walmart lists it (`GetOrderResponseRecord` in `orders.json`; docs/channels.md, "Orders and
/// their states"), read strictly: every field the adapter uses must be there with the documented type, or the order
/// is refused with the field named; fields the adapter does not use (address, phone, customer) are never read.
public struct WalmartOrderDTO: Sendable, Hashable {
    /// The order id: `purchaseOrderId`.
    public var purchaseOrderID: String
    /// `orderDate`, epoch milliseconds.
    public var orderDate: Date
    /// `orderLines.orderLine`, in Walmart's order.
    public var lines: [Line]

    /// One order line.
    public struct Line: Sendable, Hashable {
        /// `lineNumber`: the line's id for shipping.
        public var lineNumber: String
        /// `item.sku`: the seller's SKU.
        public var sku: String
        /// `orderLineQuantity.amount`.
        public var quantity: Int64
        /// `statusDate`, epoch milliseconds: when the line's status last changed.
        public var statusDate: Date
        /// `orderLineStatuses.orderLineStatus`: each status with its quantity.
        public var statuses: [Status]
        /// The `PRODUCT` charge, when there is one.
        public var productCharge: Money?
        /// Whether the line carries a `refund` block.
        public var hasRefund: Bool

        /// The line's state: the least advanced of its statuses that have a quantity (`OrderState.rollUp`), a refund
        /// under way when it has a `refund` block and is not cancelled.
        public var state: OrderState {
            let counted = statuses.filter { $0.quantity > 0 }
            let states = (counted.isEmpty ? statuses : counted).map { WalmartLineStatus.state(of: $0.status) }
            let state = OrderState.rollUp(states) ?? .unknown
            if hasRefund, ![.cancelled, .refused, .unknown, .incident].contains(state) { return .returnOrRefundInProgress }
            return state
        }

        /// `Created`, or `Shipped:1,Cancelled:1` when the line carries several statuses.
        public var rawStatus: String {
            let text = statuses.count == 1 ? statuses[0].status : statuses.map { "\($0.status):\($0.quantity)" }.joined(separator: ",")
            return hasRefund ? text + ",refund" : text
        }
    }

    /// One entry of `orderLineStatus`.
    public struct Status: Sendable, Hashable {
        /// The status as Walmart wrote it.
        public var status: String
        /// `statusQuantity.amount`.
        public var quantity: Int64
        /// `trackingInfo.trackingNumber`, when shipped.
        public var trackingNumber: String?
    }

    /// Reads one order object.
    public init(json: [String: Any]) throws(WalmartOrderProblem) {
        guard let id = WalmartJSON.string(json["purchaseOrderId"]), !id.isEmpty else {
            throw WalmartOrderProblem(field: "purchaseOrderId", reason: "missing or not a string")
        }
        func problem(_ field: String, _ reason: String) -> WalmartOrderProblem {
            WalmartOrderProblem(field: field, reason: reason, purchaseOrderID: id)
        }
        guard let orderDate = Self.date(json["orderDate"]) else { throw problem("orderDate", "missing or not epoch milliseconds") }
        guard let orderLines = json["orderLines"] as? [String: Any], let list = orderLines["orderLine"] as? [Any] else {
            throw problem("orderLines.orderLine", "missing or not a list")
        }
        guard !list.isEmpty else { throw problem("orderLines.orderLine", "an order without lines") }
        var lines: [Line] = []
        for (index, entry) in list.enumerated() {
            let path = "orderLines.orderLine[\(index)]"
            guard let line = entry as? [String: Any] else { throw problem(path, "not an object") }
            lines.append(try Self.line(line, path: path, problem: problem))
        }
        purchaseOrderID = id
        self.orderDate = orderDate
        self.lines = lines
    }

    private static func line(_ line: [String: Any], path: String,
                             problem: (String, String) -> WalmartOrderProblem) throws(WalmartOrderProblem) -> Line {
        guard let lineNumber = WalmartJSON.string(line["lineNumber"]), !lineNumber.isEmpty else {
            throw problem("\(path).lineNumber", "missing or not a string")
        }
        guard let item = line["item"] as? [String: Any], let sku = WalmartJSON.string(item["sku"]), !sku.isEmpty else {
            throw problem("\(path).item.sku", "missing or not a string")
        }
        guard let quantity = Self.quantity(line["orderLineQuantity"]), quantity > 0 else {
            throw problem("\(path).orderLineQuantity", "missing, or its amount is not a positive whole number")
        }
        guard let statusDate = date(line["statusDate"]) else { throw problem("\(path).statusDate", "missing or not epoch milliseconds") }
        guard let statusList = (line["orderLineStatuses"] as? [String: Any])?["orderLineStatus"] as? [Any], !statusList.isEmpty else {
            throw problem("\(path).orderLineStatuses.orderLineStatus", "missing, empty or not a list")
        }
        var statuses: [Status] = []
        for (index, entry) in statusList.enumerated() {
            let statusPath = "\(path).orderLineStatuses.orderLineStatus[\(index)]"
            guard let object = entry as? [String: Any], let status = WalmartJSON.string(object["status"]), !status.isEmpty else {
                throw problem("\(statusPath).status", "missing or not a string")
            }
            guard let amount = Self.quantity(object["statusQuantity"]), amount >= 0 else {
                throw problem("\(statusPath).statusQuantity", "missing, or its amount is not a whole number")
            }
            let tracking = (object["trackingInfo"] as? [String: Any]).flatMap { WalmartJSON.string($0["trackingNumber"]) }
            statuses.append(Status(status: status, quantity: amount, trackingNumber: tracking))
        }
        var productCharge: Money?
        if let charges = (line["charges"] as? [String: Any])?["charge"] as? [Any] {
            for (index, entry) in charges.enumerated() {
                guard let charge = entry as? [String: Any], WalmartJSON.string(charge["chargeType"]) == "PRODUCT" else { continue }
                guard let amount = charge["chargeAmount"] as? [String: Any], let currency = WalmartJSON.string(amount["currency"]),
                      let hundredths = WalmartJSON.hundredths(amount["amount"]) else {
                    throw problem("\(path).charges.charge[\(index)].chargeAmount", "missing, or not a currency and an amount")
                }
                productCharge = Money(minorUnits: (productCharge?.minorUnits ?? 0) + hundredths, currency: Currency(rawValue: currency))
            }
        }
        return Line(lineNumber: lineNumber, sku: sku, quantity: quantity, statusDate: statusDate, statuses: statuses,
                    productCharge: productCharge, hasRefund: line["refund"] is [String: Any])
    }

    /// `{"unitOfMeasurement": "EACH", "amount": "1"}`: the amount is a string in the documents, a number in the
    /// webhooks; both are read.
    static func quantity(_ value: Any?) -> Int64? {
        guard let object = value as? [String: Any] else { return nil }
        return WalmartJSON.wholeNumber(object["amount"])
    }

    /// Epoch milliseconds (every example), or the ISO 8601 text some descriptions promise.
    static func date(_ value: Any?) -> Date? {
        if let milliseconds = WalmartJSON.int64(value) { return WalmartTime.date(epochMilliseconds: milliseconds) }
        if let text = WalmartJSON.string(value) {
            if let milliseconds = Int64(text) { return WalmartTime.date(epochMilliseconds: milliseconds) }
            return WalmartTime.parseQuery(text)
        }
        return nil
    }

    /// The order in the common model: lines with their ids (`lineNumber`), states and raw statuses, the order's
    /// state rolled up from its lines', its update time the latest of `orderDate` and the lines' `statusDate`.
    ///
    /// Prices: a line's unit price and the order's total are given only where every reading of Walmart's
    /// `chargeAmount` agrees (quantity 1: whether it is per unit or per line is unconfirmed), never guessed.
    public var channelOrder: ChannelOrder {
        let orderLines = lines.map { line in
            OrderLine(sku: SKU(line.sku), quantity: line.quantity, unitPrice: line.quantity == 1 ? line.productCharge : nil,
                      listing: line.sku, id: line.lineNumber, state: line.state, rawStatus: line.rawStatus)
        }
        let state = OrderState.rollUp(lines.map(\.state)) ?? .unknown
        let raws = lines.map(\.rawStatus)
        let rawStatus = Set(raws).count == 1 ? raws[0] : lines.map { "\($0.lineNumber)=\($0.rawStatus)" }.joined(separator: ";")
        let updatedAt = lines.map(\.statusDate).reduce(orderDate, max)
        var total: Money?
        if lines.allSatisfy({ $0.quantity == 1 }), let first = lines.first?.productCharge?.currency,
           lines.allSatisfy({ $0.productCharge?.currency == first }) {
            total = Money(minorUnits: lines.reduce(0) { $0 + ($1.productCharge?.minorUnits ?? 0) }, currency: first)
        }
        let tracking = lines.lazy.flatMap(\.statuses).first { $0.trackingNumber != nil }?.trackingNumber
        return ChannelOrder(id: purchaseOrderID, state: state, rawStatus: rawStatus, updatedAt: updatedAt, lines: orderLines,
                            total: total, trackingNumber: tracking, placedAt: orderDate)
    }
}
