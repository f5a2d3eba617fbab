internal import MarketSync

/// One data row of a shipments file, its cells read and checked on their own (the order's other rows are
/// compared later, by `ShipmentFile`).
struct ShipmentFileRow: Sendable {
    /// The 1-based line the row starts on.
    var line: Int
    var channel = ""
    var order = ""
    var carrier = ""
    var tracking = ""
    /// The channel's line id; empty when the row ships the whole order.
    var lineID = ""
    /// Units of the line; nil when the cell is empty (the whole line).
    var quantity: Int64?
    /// What is wrong with the row on its own.
    var problems: [ShipmentRowProblem] = []
    let file: String

    /// Reads `record` against the header's `columns`; every problem is kept, not only the first.
    init(record: CSVRecordReader.Record, columns: [String], file: String) {
        line = record.line
        self.file = file
        if record.fields.count > columns.count {
            problems.append(problem(nil, "\(record.fields.count) fields, but the header names \(columns.count) columns"))
        }
        var cells: [String: String] = [:]
        for (index, column) in columns.enumerated() where index < record.fields.count {
            guard let text = String(validating: record.fields[index], as: UTF8.self) else {
                problems.append(problem(column, "is not UTF-8 text"))
                cells[column] = ""
                continue
            }
            cells[column] = text.trimmingWhitespace()
        }
        channel = cells["channel"] ?? ""
        order = cells["order"] ?? ""
        carrier = cells["carrier"] ?? ""
        tracking = cells["tracking"] ?? ""
        lineID = cells["line"] ?? ""
        for (column, value) in [("channel", channel), ("order", order), ("carrier", carrier), ("tracking", tracking)]
        where value.isEmpty && !problems.contains(where: { $0.column == column }) {
            problems.append(problem(column, "is empty"))
        }
        let quantityText = cells["quantity"] ?? ""
        if !quantityText.isEmpty {
            if let value = Int64(quantityText), value > 0, quantityText.allSatisfy(\.isASCIIDigitCharacter) {
                quantity = value
            } else {
                problems.append(problem("quantity", "\"\(quantityText)\" is not a whole number of units above 0"))
            }
            if lineID.isEmpty { problems.append(problem("quantity", "a quantity needs a line (the whole order ships without one)")) }
        }
    }

    /// `channel` and `order` together, when both are given: rows with the same key belong to one shipment.
    var orderKey: String? {
        channel.isEmpty || order.isEmpty ? nil : "\(channel)\u{1F}\(order)"
    }

    func problem(_ column: String?, _ reason: String) -> ShipmentRowProblem {
        ShipmentRowProblem(file: file, line: line, column: column, reason: reason)
    }
}
