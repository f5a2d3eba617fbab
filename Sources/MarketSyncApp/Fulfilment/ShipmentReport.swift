internal import Foundation
public import MarketSync

/// What `ship --from` did, order by order, and the exit status it ends with.
public struct ShipmentReport: Sendable, Hashable {
    /// One outcome per order (or per row that names none), in file order.
    public var outcomes: [ShipmentOutcome]

    /// A report of `outcomes`.
    public init(outcomes: [ShipmentOutcome]) { self.outcomes = outcomes }

    /// `ok` (0) when every order was sent (or the file had none); `failures` (1) when any was queued, parked,
    /// refused, unknown, or had a bad row.
    public var exitStatus: ExitStatus {
        outcomes.allSatisfy { $0.status == .sent } ? .ok : .failures
    }

    /// How many ended each way, in `Status` order, those with none left out: `2 sent, 1 refused, 1 bad row`.
    public var countLine: String {
        let counts = ShipmentOutcome.Status.allCases.compactMap { status -> String? in
            let count = outcomes.filter { $0.status == status }.count
            return count == 0 ? nil : "\(count) \(status.words)"
        }
        return counts.isEmpty ? "no rows: nothing shipped" : counts.joined(separator: ", ")
    }

    /// One line per order (channel, order, result, rows, detail), then the count line.
    public var text: String {
        let header = ["CHANNEL", "ORDER", "RESULT", "ROWS", "DETAIL"]
        let cells = outcomes.map { [$0.channel ?? "-", $0.orderID ?? "-", $0.status.rawValue, $0.rows, $0.detail] }
        guard !cells.isEmpty else { return countLine }
        return (TextColumns.lines([header] + cells) + [countLine]).joined(separator: "\n")
    }

    /// `{"exit_code": 1, "orders": [...], "totals": {"sent": 2, ...}}` with sorted keys; every status in `totals`.
    public func json() throws -> String {
        var totals: [String: Int] = [:]
        for status in ShipmentOutcome.Status.allCases { totals[status.rawValue] = outcomes.filter { $0.status == status }.count }
        let document = Document(exitCode: exitStatus.rawValue, orders: outcomes, totals: totals)
        return String(decoding: try JSONEncoder.summary.encode(document), as: UTF8.self)
    }

    private struct Document: Encodable {
        var exitCode: Int32
        var orders: [ShipmentOutcome]
        var totals: [String: Int]
        enum CodingKeys: String, CodingKey { case exitCode = "exit_code", orders, totals }
    }
}
