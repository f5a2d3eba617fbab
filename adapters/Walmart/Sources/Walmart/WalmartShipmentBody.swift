/// The body of `shippingUpdates` (`OrderShipment` in `orders.json`; docs/channels.md, "Shipping with tracking"): one
/// `orderLine` per line shipped, each with one `Shipped` status carrying its quantity and tracking.
struct WalmartShipmentBody: Encodable, Sendable {
    var orderShipment: Record

    struct Record: Encodable, Sendable {
        var orderLines: Lines
    }

    struct Lines: Encodable, Sendable {
        var orderLine: [Line]
    }

    /// `ShippingLineType`: `sellerOrderId` is required by the document (at most 30 characters).
    struct Line: Encodable, Sendable {
        var lineNumber: String
        var sellerOrderId: String
        var orderLineStatuses: Statuses
    }

    struct Statuses: Encodable, Sendable {
        var orderLineStatus: [Status]
    }

    /// `ShipLineStatusType`.
    struct Status: Encodable, Sendable {
        var status = "Shipped"
        var statusQuantity: Quantity
        var trackingInfo: Tracking
    }

    /// `QuantityType`: the amount is a string.
    struct Quantity: Encodable, Sendable {
        var unitOfMeasurement = "EACH"
        var amount: String
    }

    /// `TrackingInfoType`: `shipDateTime` in epoch milliseconds; `trackingURL` only with `otherCarrier`.
    struct Tracking: Encodable, Sendable {
        var shipDateTime: Int64
        var carrierName: Carrier
        var methodCode: String
        var trackingNumber: String
        var trackingURL: String?
    }

    /// `CarrierNameType`: a carrier Walmart lists, or another one by name.
    struct Carrier: Encodable, Sendable {
        var carrier: String?
        var otherCarrier: String?
    }
}
