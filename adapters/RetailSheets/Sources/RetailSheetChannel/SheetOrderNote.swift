import Foundation
import MarketSync
import RetailSheets

/// What an order sheet said of one order that the common order model has no place for and its answer needs: the
/// store or delivery point, and each line's own number and barcode as the chain wrote them. Kept in the store beside
/// the files made for the chain (`outgoing_files`, under `order_sheet <number>`, marked delivered so it never goes
/// out) when the order is read, and read back when the order is answered: by then the file is archived.
struct SheetOrderNote: Codable, Sendable, Equatable {
    /// What the sheet said of one line, by the line's id.
    struct Line: Codable, Sendable, Equatable {
        var lineNumber: String?
        var gtin: String?
        var sheetLine: Int
    }

    /// The order's number.
    var number: String
    /// The store or delivery point code, when the sheet has that column.
    var store: String?
    /// The file the order was read from, and the line of its first row.
    var file: String
    var firstLine: Int
    /// Each line's sheet data by its id.
    var lines: [String: Line]

    /// The key it is kept under.
    static func key(_ number: String) -> String { "order_sheet \(number)" }

    /// The note of `order`.
    init(_ order: SheetOrder) {
        number = order.number
        store = order.store
        file = order.file
        firstLine = order.firstLine
        var lines: [String: Line] = [:]
        for line in order.lines {
            guard let id = line.line.id else { continue }
            lines[id] = Line(lineNumber: line.lineNumber, gtin: line.gtin, sheetLine: line.sheetLine)
        }
        self.lines = lines
    }

    /// The sheet order `stored` was read as: the stored lines (what the engine decided on) with what the note kept.
    func sheetOrder(_ stored: ChannelOrder) -> SheetOrder {
        SheetOrder(order: stored, store: store, lines: stored.lines.map { line in
            let kept = line.id.flatMap { lines[$0] }
            return SheetOrderLine(line: line, lineNumber: kept?.lineNumber, gtin: kept?.gtin, sheetLine: kept?.sheetLine ?? 0)
        }, file: file, firstLine: firstLine)
    }

    /// The note as JSON (keys sorted, so the same order always gives the same bytes).
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// A note read back from its JSON.
    static func decoded(_ data: Data) throws -> SheetOrderNote {
        try JSONDecoder().decode(SheetOrderNote.self, from: data)
    }
}
