public import Foundation
internal import MarketSync

/// The listing `marketsync orders` prints: a table for people, or one JSON document for scripts.
public struct OrderTable: Sendable {
    /// The rows, in the order they are shown.
    public var rows: [OrderRow]
    /// The zone the table's times are written in (the JSON's are UTC).
    public var zone: TimeZone

    /// A listing of `rows`, times shown in `zone`.
    public init(rows: [OrderRow], zone: TimeZone) {
        self.rows = rows
        self.zone = zone
    }

    /// One row per order, columns padded, then a count line: `3 orders`. The zone is in the time columns' headers.
    public var text: String {
        let zoneName = zone.identifier
        let header = ["CHANNEL", "ORDER", "STATE", "RAW STATUS", "PLACED (\(zoneName))", "UPDATED (\(zoneName))", "LINES", "TOTAL",
                      "TRACKING"]
        let cells = rows.map { row in
            [row.channel, row.orderID, row.state, row.rawStatus, row.placedAt.map { TimeText.local($0, in: zone) } ?? "-",
             TimeText.local(row.updatedAt, in: zone), row.linesText, row.total?.description ?? "-", row.trackingNumber ?? "-"]
        }
        let count = rows.count == 1 ? "1 order" : "\(rows.count) orders"
        guard !rows.isEmpty else { return "no orders match" }
        return (TextColumns.lines([header] + cells) + [count]).joined(separator: "\n")
    }

    /// `{"count": N, "orders": [...]}` with sorted keys, every key present in every order.
    public func json() throws -> String {
        String(decoding: try JSONEncoder.summary.encode(Document(count: rows.count, orders: rows)), as: UTF8.self)
    }

    private struct Document: Encodable {
        var count: Int
        var orders: [OrderRow]
    }
}
