public import MarketSync

/// A message a chain receives from its supplier, read the way the chain would: an inventory report, a price
/// catalogue or an answer to one of its orders.
public struct EANCOMReceivedDocument: Hashable, Sendable {
    /// The message type (`UNH` `0065`).
    public var type: EANCOMMessageType
    /// The `UNH` reference.
    public var messageReference: String
    /// The document number (`BGM` `1004`).
    public var number: String
    /// The message function (`BGM` `1225`): `9` for a report or catalogue; `29`, `27` or `4` for an order response.
    public var function: String
    /// The document date (`DTM+137`).
    public var date: CalendarDay?
    /// The order answered (`RFF+ON`), in an ORDRSP.
    public var orderNumber: String?
    /// The currency of the prices (`CUX`), in a PRICAT.
    public var currency: Currency?
    /// The lines, in order.
    public var lines: [EANCOMReceivedLine]

    /// A document as read.
    public init(type: EANCOMMessageType, messageReference: String, number: String, function: String, date: CalendarDay?,
                orderNumber: String?, currency: Currency?, lines: [EANCOMReceivedLine]) {
        self.type = type
        self.messageReference = messageReference
        self.number = number
        self.function = function
        self.date = date
        self.orderNumber = orderNumber
        self.currency = currency
        self.lines = lines
    }

    /// For an ORDRSP, what it says of the order as a whole: `29` every line accepted, `27` every line refused, nil
    /// otherwise (function `4`: each line says for itself, `acceptsLine`).
    public var acceptsWholeOrder: Bool? {
        guard type == .ordrsp else { return nil }
        switch function {
        case "29": return true
        case "27": return false
        default: return nil
        }
    }

    /// For a line of an ORDRSP with function `4`: accepted (`5`, `6`, or `3` with units left), refused (`7`, or `3`
    /// with no unit), nil for an action this reading does not know.
    public static func acceptsLine(_ line: EANCOMReceivedLine) -> Bool? {
        switch line.action {
        case "5", "6": true
        case "3": (line.quantity ?? 0) > 0
        case "7": false
        default: nil
        }
    }
}
