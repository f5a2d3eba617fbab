internal import Foundation

/// What became of one order of a shipments file.
public struct ShipmentOutcome: Sendable, Hashable, Encodable {
    /// How it ended.
    public enum Status: String, Sendable, Hashable, Encodable, CaseIterable {
        /// The channel accepted the shipment confirmation.
        case sent
        /// Queued in the outbox, not accepted yet (the channel failed for a while, or is down): the next `sync` or
        /// `ship` sends it again.
        case queued
        /// The channel refused the confirmation for good: parked with its reason (`marketsync failures`).
        case parked
        /// Not shippable in the state the store holds (cancelled, awaiting payment, already shipped...): nothing
        /// was queued.
        case refused
        /// The store holds no such order on that channel: nothing was queued (run `marketsync sync` first).
        case unknownOrder = "unknown_order"
        /// A row could not be read or does not fit the order: nothing was queued for that order.
        case badRow = "bad_row"
        /// Something else failed (the store, the config): nothing was queued.
        case error

        /// `unknown order`, `bad row`, ...: the word a count line uses.
        public var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }
    }

    /// The channel the rows name, if they do.
    public var channel: String?
    /// The order the rows name, if they do.
    public var orderID: String?
    /// The file and lines of the rows: `shipments.csv:4,5`.
    public var rows: String
    /// How it ended.
    public var status: Status
    /// For people: the carrier and tracking number, the state that refused it, the channel's reason, or each bad
    /// row as `file:line: column: reason`.
    public var detail: String

    /// An outcome as given.
    public init(channel: String?, orderID: String?, rows: String, status: Status, detail: String) {
        self.channel = channel
        self.orderID = orderID
        self.rows = rows
        self.status = status
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case channel, orderID = "order_id", rows, status = "result", detail
    }

    /// Every key, an unknown channel or order as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(channel, forKey: .channel)
        try container.encode(orderID, forKey: .orderID)
        try container.encode(rows, forKey: .rows)
        try container.encode(status, forKey: .status)
        try container.encode(detail, forKey: .detail)
    }
}
