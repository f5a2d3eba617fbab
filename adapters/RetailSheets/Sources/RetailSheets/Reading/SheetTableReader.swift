public import MarketSync

/// Reads a sheet's bytes into rows of cells by the layout's columns: finds the encoding (a UTF-8 byte order mark
/// or valid UTF-8 means UTF-8, else the layout's encoding when it is not UTF-8), splits records as RFC 4180 has
/// them (`CSVRecordReader`, which works on bytes: none of the delimiters occurs inside a GB18030 or UTF-8
/// character), finds each column by its header text, and decodes each cell on its own so a bad byte costs one row.
///
/// Columns the layout does not know are ignored; a column it requires that the header lacks stops the file.
public struct SheetTableReader: Sendable {
    /// The layout whose columns are looked for.
    public let layout: SheetLayout

    /// A reader of `layout`'s sheets.
    public init(layout: SheetLayout) {
        self.layout = layout
    }

    /// The table in `bytes`, read from `file` (named in every problem). Throws `.sheetFormat` when the bytes are not
    /// CSV, have no header row, or the header lacks a column the layout requires (or has one twice), and
    /// `.sheetEncoding` when the header cannot be decoded; a problem in a data row is in its `problems`.
    public func read(_ bytes: [UInt8], file: String) throws(MarketSyncError) -> SheetTable {
        let encoding = SheetTextDecoder.detect(bytes, fallback: layout.format.encoding)
        guard let decoder = SheetTextDecoder(encoding.isUTF8 ? .utf8 : encoding) else {
            throw MarketSyncError(.sheetEncoding, "the C library has no converter from \(encoding)", file: file)
        }
        let records: [CSVRecordReader.Record]
        do {
            records = try CSVRecordReader(delimiter: layout.format.delimiter.byte).records(in: bytes)
        } catch {
            throw MarketSyncError(.sheetFormat, "not a CSV sheet: \(error.message)", file: file, line: error.line)
        }
        guard let headerRecord = records.first else {
            throw MarketSyncError(.sheetFormat, "the sheet is empty: no header row", file: file, line: 1)
        }
        let positions = try columnPositions(headerRecord, decoder: decoder, file: file)

        var rows: [SheetTable.Row] = []
        for record in records.dropFirst() {
            var row = SheetTable.Row(line: record.line, values: [:], problems: [])
            let extra = record.fields.dropFirst(headerRecord.fields.count)
            if record.fields.count < headerRecord.fields.count || extra.contains(where: { !$0.isEmpty }) {
                row.problems.append(MarketSyncError(.sheetRow, "the row has \(record.fields.count) fields and the header \(headerRecord.fields.count); a value may hold an unquoted \(layout.format.delimiter)",
                                                    file: file, line: record.line))
            }
            for (column, position) in positions where position < record.fields.count {
                switch decoder.decode(record.fields[position]) {
                case let .success(text): row.values[column.field] = text
                case let .failure(failure):
                    row.problems.append(MarketSyncError(.sheetEncoding, "the \(column.field) is not \(encoding) text at \(failure.description)",
                                                        file: file, line: record.line, key: column.header))
                }
            }
            let blank = row.problems.isEmpty && record.fields.allSatisfy { $0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
            if !blank { rows.append(row) }
        }
        return SheetTable(encoding: encoding, headerLine: headerRecord.line, rows: rows)
    }

    /// Where each layout column is in the header (columns the header lacks, when optional, left out).
    private func columnPositions(_ header: CSVRecordReader.Record, decoder: SheetTextDecoder,
                                 file: String) throws(MarketSyncError) -> [(SheetColumn, Int)] {
        var names: [String] = []
        for (index, field) in header.fields.enumerated() {
            switch decoder.decode(field) {
            case let .success(text): names.append(SheetHeaderMatch.normalized(text))
            case let .failure(failure):
                throw MarketSyncError(.sheetEncoding, "header field \(index + 1) is not \(decoder.encoding) text at \(failure.description)",
                                      file: file, line: header.line)
            }
        }
        var positions: [(SheetColumn, Int)] = []
        for column in layout.columns {
            let wanted = SheetHeaderMatch.normalized(column.header)
            let found = names.indices.filter { names[$0] == wanted }
            if found.count > 1 {
                throw MarketSyncError(.sheetFormat, "the header has the column \(column.header) (\(column.field)) \(found.count) times",
                                      file: file, line: header.line, key: column.header)
            }
            guard let position = found.first else {
                if column.optional { continue }
                throw MarketSyncError(.sheetFormat, "the header has no column \(column.header) (\(column.field)), which the layout requires",
                                      file: file, line: header.line, key: column.header)
            }
            positions.append((column, position))
        }
        return positions
    }
}
