/// A purchase order in the sandbox: its lines, each with its statuses and their quantities, as Walmart keeps them
/// (a line can be part `Shipped`, part `Cancelled`), and when it was last modified (what `lastModified*` filters on).
struct WalmartSandboxOrder: Sendable, Hashable, Codable {
    /// `purchaseOrderId`.
    var purchaseOrderID: String
    /// `customerOrderId`.
    var customerOrderID: String
    /// `orderDate`, epoch milliseconds.
    var orderDate: Int64
    /// When anything about it last changed, epoch milliseconds.
    var lastModified: Int64
    /// Its lines.
    var lines: [Line]

    /// One line.
    struct Line: Sendable, Hashable, Codable {
        /// `lineNumber`.
        var lineNumber: String
        /// `item.sku`.
        var sku: String
        /// `item.productName`.
        var productName: String
        /// Units ordered.
        var quantity: Int64
        /// The line's product charge, hundredths.
        var price: Int64
        /// The charge's currency.
        var currency: String
        /// Its statuses with their quantities.
        var statuses: [Status]
        /// When its status last changed, epoch milliseconds.
        var statusDate: Int64
        /// A refund on it, when one was made.
        var refund: Refund?
    }

    /// One status of a line.
    struct Status: Sendable, Hashable, Codable {
        /// As Walmart writes it (`Created`, `Acknowledged`, …, or anything an admin set).
        var status: String
        /// Units in this status.
        var quantity: Int64
        /// Why, when cancelled.
        var cancellationReason: String?
        /// The tracking, when shipped.
        var tracking: Tracking?
    }

    /// A shipment's tracking as it was sent.
    struct Tracking: Sendable, Hashable, Codable {
        var shipDateTime: Int64
        var carrier: String?
        var otherCarrier: String?
        var methodCode: String
        var trackingNumber: String
        var trackingURL: String?
    }

    /// A refund of a line.
    struct Refund: Sendable, Hashable, Codable {
        var refundID: String
        var reason: String
        /// Hundredths, negative as in Walmart's example.
        var amount: Int64
        var comments: String?
    }

    /// Moves `quantity` units of the line at `index` from statuses in `from` (in order) into a new status; returns the
    /// units that could not be moved.
    mutating func move(line index: Int, quantity: Int64, from: Set<String>, to status: Status) -> Int64 {
        var left = quantity
        var kept: [Status] = []
        for current in lines[index].statuses {
            guard left > 0, from.contains(current.status.lowercased()) else {
                kept.append(current)
                continue
            }
            let taken = min(current.quantity, left)
            left -= taken
            if current.quantity > taken {
                var rest = current
                rest.quantity -= taken
                kept.append(rest)
            }
        }
        var moved = status
        moved.quantity = quantity - left
        if moved.quantity > 0 {
            if let same = kept.firstIndex(where: { $0.status == moved.status && $0.tracking == moved.tracking
                                                   && $0.cancellationReason == moved.cancellationReason }) {
                kept[same].quantity += moved.quantity
            } else {
                kept.append(moved)
            }
        }
        lines[index].statuses = kept
        return left
    }

    enum CodingKeys: String, CodingKey {
        case purchaseOrderID = "purchase_order_id", customerOrderID = "customer_order_id", orderDate = "order_date"
        case lastModified = "last_modified", lines
    }
}
