import Foundation
import MarketSync

/// Turns rows of cell texts into the files of one sheet: header and rows in the layout's column order, each cell
/// quoted and encoded on its own (so a character the encoding cannot carry is found in its cell and its row is
/// left out), files cut by the layout's split and named by its pattern. The same rows on the same day with the
/// same first sequence number always give the same bytes.
struct SheetComposer {
    let layout: SheetLayout
    let naming: SheetFileNaming
    let timeZone: TimeZone

    init(layout: SheetLayout, timeZone: TimeZone) throws(MarketSyncError) {
        guard let naming = layout.naming else {
            throw MarketSyncError(.config, "a \(layout.kind) sheet is read, not written", key: "sheets.\(layout.kind)")
        }
        self.layout = layout
        self.naming = naming
        self.timeZone = timeZone
    }

    func compose(_ rows: [SheetRowCells], date: Date, firstSequence: Int, refused earlier: [SheetRowRefusal]) throws(MarketSyncError) -> SheetWriteResult {
        let format = layout.format
        guard let encoder = SheetTextEncoder(format.encoding) else {
            throw MarketSyncError(.sheetEncoding, "the C library has no converter to \(format.encoding)", key: "sheets.\(layout.kind).encoding")
        }
        let writer = format.writer
        let delimiter = [format.delimiter.byte]
        let lineEnding = Array(format.lineEnding.text.utf8)
        var header: [UInt8] = []
        for (index, column) in layout.columns.enumerated() {
            if index > 0 { header += delimiter }
            switch encoder.encode(writer.field(column.header)) {
            case let .success(bytes): header += bytes
            case let .failure(failure):
                throw MarketSyncError(.sheetEncoding, "the header \(failure.description) cannot be written in \(format.encoding)",
                                      key: column.header)
            }
        }
        header += lineEnding

        var refused = earlier
        var groups: [String: [(cells: SheetRowCells, bytes: [UInt8])]] = [:]
        for row in rows {
            switch encodedRow(row, encoder: encoder, writer: writer, delimiter: delimiter) {
            case let .failure(error):
                refused.append(SheetRowRefusal(sku: row.sku, item: row.item, order: row.order, error: error))
            case let .success(bytes):
                let key: String
                switch naming.split {
                case .none: key = ""
                case .store: key = row.store ?? ""
                case .order: key = row.order ?? ""
                }
                guard naming.split == .none || !key.isEmpty else {
                    let error = MarketSyncError(.sheetRow, "the row has no \(naming.split == .store ? "store code" : "order number"), and the sheet is cut into one file per \(naming.split)",
                                                sku: row.sku, key: layout.column(for: naming.split == .store ? .store : .orderNumber)?.header)
                    refused.append(SheetRowRefusal(sku: row.sku, item: row.item, order: row.order, error: error))
                    continue
                }
                groups[key, default: []].append((row, bytes))
            }
        }
        if naming.split == .none, groups.isEmpty { groups[""] = [] }

        var files: [SheetFile] = []
        var sequence = firstSequence
        for key in groups.keys.sorted() {
            let members = groups[key] ?? []
            let store = naming.split == .store ? key : nil
            let order = naming.split == .order ? key : nil
            guard let name = naming.name(date: date, timeZone: timeZone, sequence: sequence, store: store, order: order) else {
                for member in members {
                    let error = MarketSyncError(.sheetRow, "\(naming.split == .store ? "the store code" : "the order number") \(SheetExcerpt.quoted(key)) cannot stand in a file name",
                                                sku: member.cells.sku)
                    refused.append(SheetRowRefusal(sku: member.cells.sku, item: member.cells.item, order: member.cells.order, error: error))
                }
                continue
            }
            var bytes: [UInt8] = format.encoding == .utf8BOM ? [0xEF, 0xBB, 0xBF] : []
            bytes += header
            for member in members { bytes += member.bytes + lineEnding }
            files.append(SheetFile(name: name, bytes: bytes, sequence: sequence, store: store, order: order,
                                   skus: members.map(\.cells.sku), items: members.compactMap(\.cells.item)))
            sequence += 1
        }
        return SheetWriteResult(files: files, refused: refused, nextSequence: sequence)
    }

    /// The row's bytes without its line ending, or why it cannot be written.
    private func encodedRow(_ row: SheetRowCells, encoder: SheetTextEncoder, writer: CSVRecordWriter,
                            delimiter: [UInt8]) -> Result<[UInt8], MarketSyncError> {
        var bytes: [UInt8] = []
        for (index, column) in layout.columns.enumerated() {
            if index > 0 { bytes += delimiter }
            let value = row.values[column.field] ?? ""
            if value.isEmpty {
                guard column.optional else {
                    return .failure(MarketSyncError(.sheetRow, "no \(column.field) for this row, and the column \(column.header) requires one",
                                                    sku: row.sku, key: column.header))
                }
                if layout.format.quoting == .always { bytes += Array(writer.field("").utf8) }
                continue
            }
            switch encoder.encode(writer.field(value)) {
            case let .success(encoded): bytes += encoded
            case let .failure(failure):
                return .failure(MarketSyncError(.sheetEncoding, "the \(column.field) has \(failure.description), which \(layout.format.encoding) cannot carry; the row is left out",
                                                sku: row.sku, key: column.header))
            }
        }
        return .success(bytes)
    }
}
