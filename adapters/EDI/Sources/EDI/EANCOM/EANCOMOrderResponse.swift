public import Foundation
public import MarketSync

/// What we decide about one line of an order.
public enum EANCOMLineDecision: Hashable, Sendable {
    /// Delivered as ordered.
    case accepted
    /// Delivered, but only this many units (fewer than ordered).
    case changed(quantity: Int64)
    /// Not delivered.
    case rejected
}

/// One line of an order response: which order line, and the decision.
public struct EANCOMOrderResponseLine: Hashable, Sendable {
    /// The order's line number (`LIN` `1082` of the ORDERS line answered).
    public var lineNumber: String
    /// The line's GTIN, repeated in `LIN`.
    public var gtin: GTIN
    /// The quantity ordered.
    public var orderedQuantity: Int64
    /// What we do with it.
    public var decision: EANCOMLineDecision

    /// A decision about one line.
    public init(lineNumber: String, gtin: GTIN, orderedQuantity: Int64, decision: EANCOMLineDecision) {
        self.lineNumber = lineNumber
        self.gtin = gtin
        self.orderedQuantity = orderedQuantity
        self.decision = decision
    }
}

/// An ORDRSP purchase order response (`BGM+231`) to one ORDERS.
///
/// The message function (`BGM` `1225`) follows from the lines: `29` (accepted without amendment) when every
/// line is accepted as ordered, `27` (not accepted) when every line is rejected, both with no line detail; `4`
/// (change) otherwise, with every line: `LIN` action `5` (accepted), `3` (changed, with `QTY+21` the quantity we
/// deliver) or `7` (not accepted), then `UNS+S`. `RFF+ON` names the order answered.
public struct EANCOMOrderResponse: Hashable, Sendable {
    /// Our number for the response (`BGM` `1004`).
    public var number: String
    /// The chain's order number (`RFF+ON`).
    public var orderNumber: String
    /// When the response is made; written as its day in the chain's time zone.
    public var date: Date
    /// The buyer of the order (`NAD+BY`); the chain's GLN from the settings when nil.
    public var buyer: GLN?
    /// The decisions, one per line of the order.
    public var lines: [EANCOMOrderResponseLine]

    /// A response to `orderNumber`.
    public init(number: String, orderNumber: String, date: Date, buyer: GLN? = nil, lines: [EANCOMOrderResponseLine]) {
        self.number = number
        self.orderNumber = orderNumber
        self.date = date
        self.buyer = buyer
        self.lines = lines
    }

    /// The message function the lines call for: `29`, `27` or `4`.
    public var messageFunction: String {
        let effective = lines.map(Self.effective)
        if effective.allSatisfy({ $0 == .accepted }) { return "29" }
        if effective.allSatisfy({ $0 == .rejected }) { return "27" }
        return "4"
    }

    /// The message body. Throws `validation` for a response with no lines, or a changed quantity that is
    /// negative or more than was ordered.
    public func body(settings: EANCOMSettings) throws -> EANCOMMessageBody {
        guard !lines.isEmpty else {
            throw MarketSyncError(.validation, "an order response needs the order's lines", channel: settings.partner, key: "LIN")
        }
        for line in lines {
            if case let .changed(quantity) = line.decision, quantity < 0 || quantity > line.orderedQuantity {
                throw MarketSyncError(.validation,
                                      "line \(line.lineNumber): a changed quantity must be 0 to \(line.orderedQuantity), not \(quantity)",
                                      channel: settings.partner, key: "QTY")
            }
        }
        guard !orderNumber.isEmpty, orderNumber.count <= 35 else {
            throw MarketSyncError(.validation, "an order number must have 1 to 35 characters", channel: settings.partner, key: "RFF")
        }
        let function = messageFunction
        var segments = [try EANCOMSegments.beginning("231", number: number, function: function),
                        EANCOMSegments.date("137", EDIDateFormat.ccyymmdd(date, in: settings.timeZone)),
                        EDISegment("RFF", ["ON", orderNumber]),
                        EANCOMSegments.party("BY", buyer ?? settings.buyer),
                        EANCOMSegments.party("SU", settings.supplier)]
        if function == "4" {
            for line in lines {
                let action: String
                var quantity: Int64?
                switch Self.effective(line) {
                case .accepted: action = "5"
                case .rejected: action = "7"
                case let .changed(changed):
                    action = "3"
                    quantity = changed
                }
                segments.append(EDISegment("LIN", [line.lineNumber], [action],
                                           [line.gtin.digits, line.gtin.digits.count == 12 ? "UP" : "EN"]))
                if let quantity { segments.append(EDISegment("QTY", ["21", String(quantity)])) }
            }
            segments.append(EDISegment("UNS", ["S"]))
        }
        return EANCOMMessageBody(type: .ordrsp, segments: segments)
    }

    /// A change to the quantity ordered is an acceptance; a change to nothing is a rejection.
    private static func effective(_ line: EANCOMOrderResponseLine) -> EANCOMLineDecision {
        switch line.decision {
        case let .changed(quantity) where quantity == line.orderedQuantity: .accepted
        case let .changed(quantity) where quantity == 0: .rejected
        default: line.decision
        }
    }
}
