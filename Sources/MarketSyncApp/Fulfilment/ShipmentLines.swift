public import MarketSync

/// Turns the lines a shipments file names into the lines of a `Shipment`, checked against the stored order:
/// when the store knows the order's line ids, each named line must be one of them and ship no more units than
/// it ordered, and an empty quantity means the whole line.
public enum ShipmentLines {
    /// The shipment `request` asks for, or the problems of its rows (each naming `file:line` and the column).
    public static func shipment(for request: ShipmentRequest, stored: ChannelOrder) -> Result<Shipment, ShipmentProblems> {
        var lines: [ShipmentLine] = []
        var problems: [ShipmentRowProblem] = []
        let known = stored.lines.filter { $0.id != nil }
        for line in request.lines {
            func problem(_ column: String, _ reason: String) -> ShipmentRowProblem {
                ShipmentRowProblem(file: request.place.file, line: line.row, column: column, reason: reason)
            }
            let ordered = known.first { $0.id == line.id }
            if !known.isEmpty, ordered == nil {
                let ids = known.compactMap(\.id).joined(separator: ", ")
                problems.append(problem("line", "order \(request.orderID) has no line \(line.id) (its lines: \(ids))"))
                continue
            }
            guard let quantity = line.quantity ?? ordered?.quantity else {
                problems.append(problem("quantity", "is empty, and the store does not know line \(line.id) of order \(request.orderID): give the units"))
                continue
            }
            if let ordered, quantity > ordered.quantity {
                problems.append(problem("quantity", "\(quantity) is more than the \(ordered.quantity) ordered on line \(line.id)"))
                continue
            }
            lines.append(ShipmentLine(line: line.id, quantity: quantity))
        }
        guard problems.isEmpty else { return .failure(ShipmentProblems(problems)) }
        return .success(Shipment(orderID: request.orderID, carrier: request.carrier, trackingNumber: request.trackingNumber, lines: lines))
    }
}

/// The problems that keep a request from becoming a shipment.
public struct ShipmentProblems: Error, Sendable, Hashable {
    /// Each naming `file:line` and the column.
    public var problems: [ShipmentRowProblem]
    /// Problems as given.
    public init(_ problems: [ShipmentRowProblem]) { self.problems = problems }
}
