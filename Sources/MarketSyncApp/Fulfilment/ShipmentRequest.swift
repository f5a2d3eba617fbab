public import MarketSync

/// One order to confirm as shipped, as the rows of a shipments file give it.
public struct ShipmentRequest: Sendable, Hashable {
    /// The channel id from the config.
    public var channel: ChannelID
    /// The channel's order id.
    public var orderID: String
    /// The carrier as the channel knows it (Epinduo: `logistics_id`).
    public var carrier: String
    /// The tracking number.
    public var trackingNumber: String
    /// The lines shipped; empty means the whole order.
    public var lines: [Line]
    /// Where it came from: the file and the lines of its rows, the first one first.
    public var place: RowPlace

    /// One line shipped.
    public struct Line: Sendable, Hashable {
        /// The channel's line id (`OrderLine.id`).
        public var id: String
        /// Units shipped; nil means every unit the line ordered, as the store holds it.
        public var quantity: Int64?
        /// The file line of its row.
        public var row: Int

        /// A line as a row gives it.
        public init(id: String, quantity: Int64?, row: Int) {
            self.id = id
            self.quantity = quantity
            self.row = row
        }
    }

    /// A request as given.
    public init(channel: ChannelID, orderID: String, carrier: String, trackingNumber: String, lines: [Line], place: RowPlace) {
        self.channel = channel
        self.orderID = orderID
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.lines = lines
        self.place = place
    }
}

/// The rows of a file something came from.
public struct RowPlace: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// The 1-based lines of its rows, in file order.
    public var lines: [Int]

    /// A place as given.
    public init(file: String, lines: [Int]) {
        self.file = file
        self.lines = lines
    }

    /// `shipments.csv:4` or `shipments.csv:4,5`.
    public var description: String { "\(file):\(lines.map(String.init).joined(separator: ","))" }
}
