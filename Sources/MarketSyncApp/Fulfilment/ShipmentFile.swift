internal import Foundation
internal import MarketSync

/// A shipments file read row by row: a CSV (comma or semicolon separated, UTF-8) with the header
/// `channel,order,carrier,tracking` and, optionally, `line` and `quantity` columns.
///
/// Rows of one order become one request: without `line`, one row ships the whole order; with `line`, each row
/// ships that line (`quantity` units, or the whole line when `quantity` is empty). A row that cannot be read is
/// reported with its file, line and column, and holds back the order it belongs to (never the others): a
/// partly read order is not shipped in part.
public struct ShipmentFile: Sendable {
    /// What the file asks for, in the order of each order's first row.
    public var entries: [Entry]

    /// One order to ship, or rows that cannot be shipped as they stand.
    public enum Entry: Sendable, Hashable {
        /// An order whose rows all read well.
        case ship(ShipmentRequest)
        /// Rows with problems: every row of the order they name (channel and order, when the rows say), each
        /// problem naming `file:line` and the column.
        case bad(channel: String?, orderID: String?, place: RowPlace, problems: [ShipmentRowProblem])
    }

    /// The columns a file must have.
    public static let requiredColumns = ["channel", "order", "carrier", "tracking"]
    /// The columns a file may add.
    public static let optionalColumns = ["line", "quantity"]

    /// The entries as given.
    public init(entries: [Entry]) { self.entries = entries }

    /// Reads `path`. A file that cannot be read, is not CSV, or whose header is wrong throws
    /// `MarketSyncError(.source)` naming the file and line (a usage error: nothing is shipped).
    public static func read(path: String) throws -> ShipmentFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw MarketSyncError(.source, "cannot read the shipments file: \(error.localizedDescription)", file: path)
        }
        return try parse(Array(data), file: path)
    }

    /// Reads CSV `bytes`; `file` names it in problems and errors.
    public static func parse(_ bytes: [UInt8], file: String) throws -> ShipmentFile {
        let reader = CSVRecordReader(delimiter: CSVRecordReader.detectDelimiter(in: bytes))
        let records: [CSVRecordReader.Record]
        do { records = try reader.records(in: bytes) } catch {
            throw MarketSyncError(.source, error.message, file: file, line: error.line)
        }
        guard let header = records.first else {
            throw MarketSyncError(.source, "the file is empty: expected the header \(requiredColumns.joined(separator: ","))", file: file, line: 1)
        }
        let columns = try self.columns(header, file: file)
        let rows = records.dropFirst().map { ShipmentFileRow(record: $0, columns: columns, file: file) }
        return ShipmentFile(entries: group(rows, file: file))
    }

    /// The header's column names, checked: every required one present, none unknown, none twice.
    static func columns(_ header: CSVRecordReader.Record, file: String) throws -> [String] {
        var names: [String] = []
        for raw in header.fields {
            guard let name = String(validating: raw, as: UTF8.self) else {
                throw MarketSyncError(.source, "the header is not UTF-8", file: file, line: header.line)
            }
            names.append(name.trimmingWhitespace().lowercased())
        }
        let known = requiredColumns + optionalColumns
        func fail(_ message: String) -> MarketSyncError { MarketSyncError(.source, message, file: file, line: header.line) }
        if let unknown = names.first(where: { !known.contains($0) }) {
            throw fail("unknown column \"\(unknown)\" (known: \(known.joined(separator: ", ")))")
        }
        if let twice = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw fail("column \"\(twice)\" appears twice")
        }
        let missing = requiredColumns.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw fail("missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) (the header must name \(requiredColumns.joined(separator: ",")))")
        }
        if names.contains("quantity"), !names.contains("line") { throw fail("a quantity column needs a line column") }
        return names
    }

    /// Rows of one order (same channel and order) become one entry, in the order of their first row.
    static func group(_ rows: [ShipmentFileRow], file: String) -> [Entry] {
        var entries: [(first: Int, entry: Entry)] = []
        var byOrder: [String: [ShipmentFileRow]] = [:]
        var orderKeys: [String] = []
        for row in rows {
            guard let key = row.orderKey else {
                entries.append((row.line, .bad(channel: row.channel.nonEmpty, orderID: row.order.nonEmpty,
                                               place: RowPlace(file: file, lines: [row.line]), problems: row.problems)))
                continue
            }
            if byOrder[key] == nil { orderKeys.append(key) }
            byOrder[key, default: []].append(row)
        }
        for key in orderKeys {
            guard let group = byOrder[key], let first = group.first else { continue }
            entries.append((first.line, entry(for: group, file: file)))
        }
        return entries.sorted { $0.first < $1.first }.map(\.entry)
    }

    /// One order's rows as a request, or as a bad entry when any row has a problem or the rows disagree.
    static func entry(for rows: [ShipmentFileRow], file: String) -> Entry {
        let first = rows[0]
        var problems = rows.flatMap(\.problems)
        let withLine = rows.filter { !$0.lineID.isEmpty }
        for row in rows.dropFirst() {
            if row.carrier != first.carrier {
                problems.append(row.problem("carrier", "\"\(row.carrier)\" differs from \"\(first.carrier)\" on line \(first.line): one shipment per order and file"))
            }
            if row.tracking != first.tracking {
                problems.append(row.problem("tracking", "\"\(row.tracking)\" differs from \"\(first.tracking)\" on line \(first.line): one shipment per order and file"))
            }
        }
        if !withLine.isEmpty && withLine.count < rows.count {
            for row in rows where row.lineID.isEmpty {
                problems.append(row.problem("line", "is empty, but other rows of order \(first.order) name lines: name the line on every row, or ship the whole order on one row"))
            }
        } else if withLine.isEmpty {
            for row in rows.dropFirst() {
                problems.append(row.problem("order", "order \(first.order) is already on line \(first.line) (one row ships a whole order)"))
            }
        }
        var seen: [String: Int] = [:]
        for row in withLine {
            if let earlier = seen[row.lineID] {
                problems.append(row.problem("line", "line \(row.lineID) of order \(first.order) is already on line \(earlier)"))
            } else {
                seen[row.lineID] = row.line
            }
        }
        let place = RowPlace(file: file, lines: rows.map(\.line))
        guard problems.isEmpty else {
            return .bad(channel: first.channel, orderID: first.order, place: place,
                        problems: problems.sorted { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") })
        }
        let lines = withLine.map { ShipmentRequest.Line(id: $0.lineID, quantity: $0.quantity, row: $0.line) }
        return .ship(ShipmentRequest(channel: ChannelID(first.channel), orderID: first.order, carrier: first.carrier,
                                     trackingNumber: first.tracking, lines: lines, place: place))
    }
}

extension String {
    /// Nil for an empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
