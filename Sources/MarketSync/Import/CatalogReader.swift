internal import Foundation

/// Reads a catalog source (CSV or JSON) row by row into an `ImportReport`.
///
/// CSV columns (header row, comma or semicolon separated; UTF-8 with or without BOM, or the encoding the config
/// names: Windows-1251, GB18030):
/// `sku`, `name_ru`, `price_rub` required; `gtin`, `name_zh`, `name_en`, `unit`, `stock`, `warehouse`, `lot`,
/// `expires_on`, `produced_on` (yyyy-MM-dd) and `listing:<channel>` optional. JSON: `{"products": [{...}]}` or a bare array, with
/// the same keys (`listings` as an object by channel). A bad row is rejected with its place and reason and the rest
/// goes on; a file that cannot be read at all throws `MarketSyncError(.source)` naming the file (and line).
public struct CatalogReader: Sendable {
    /// How a catalog is written: `csv` (a `.csv` or `.txt` file), `json`, or `commerceml` (a 1C package, read by
    /// ``CommerceMLSource`` while it is imported, never by this reader).
    public enum Format: String, Sendable { case csv, json, commerceml }

    static let knownColumns: Set<String> = [
        "sku", "gtin", "name_ru", "name_zh", "name_en", "unit", "price_rub", "stock", "warehouse", "lot", "expires_on", "produced_on",
    ]
    static let listingPrefix = "listing:"

    private let validator = CatalogRowValidator()

    /// A reader. It keeps no state, so one reads any number of files.
    public init() {}

    /// The format named by a file's extension.
    public static func format(of path: String) -> Format? {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv", "txt": .csv
        case "json": .json
        default: nil
        }
    }

    /// Reads and validates the file at `path`, its text in `encoding`.
    public func read(path: String, format explicitFormat: Format? = nil, encoding: SourceEncoding = .utf8) throws -> ImportReport {
        guard let format = explicitFormat ?? Self.format(of: path) else {
            throw MarketSyncError(.source, "unknown catalog format: use a .csv or .json file, or set format", file: path)
        }
        if format == .commerceml {
            throw MarketSyncError(.source, "a CommerceML package is read while it is imported (CommerceMLSource), not as a file", file: path)
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw MarketSyncError(.source, "cannot read catalog: \(Self.reason(error))", file: path)
        }
        switch format {
        case .commerceml: return ImportReport(source: path)  // refused above
        case .csv: return try readCSV(Array(data), path: path, encoding: encoding)
        case .json where encoding == .utf8: return try readJSON(data, path: path)
        case .json:
            // JSON is parsed as UTF-8, so the whole file is converted first; a bad byte stops the file.
            let bytes = Array(data)
            switch try Self.decoder(for: encoding, path: path).decode(bytes) {
            case let .success(text): return try readJSON(Data(text.utf8), path: path)
            case let .failure(failure):
                throw MarketSyncError(.source, "cannot be read as \(encoding.rawValue) at \(failure)", file: path,
                                      line: Self.line(ofOffset: failure.offset, in: bytes))
            }
        }
    }

    /// A decoder for `encoding`, or a source error when the C library has none.
    static func decoder(for encoding: SourceEncoding, path: String) throws -> SourceTextDecoder {
        guard let decoder = SourceTextDecoder(encoding) else {
            throw MarketSyncError(.source, "this system cannot convert \(encoding.rawValue) (no iconv converter)", file: path)
        }
        return decoder
    }

    /// The 1-based line a byte offset is on.
    static func line(ofOffset offset: Int, in bytes: [UInt8]) -> Int {
        bytes.prefix(offset).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }

    /// Reads CSV bytes in `encoding` (exposed for tests). Delimiters, quotes and line breaks are ASCII and never
    /// part of a Windows-1251 or GB18030 character, so records are split on bytes and each field decoded alone.
    func readCSV(_ bytes: [UInt8], path: String, encoding: SourceEncoding = .utf8) throws -> ImportReport {
        let decoder = try Self.decoder(for: encoding, path: path)
        let reader = CSVRecordReader(delimiter: CSVRecordReader.detectDelimiter(in: bytes))
        let records: [CSVRecordReader.Record]
        do { records = try reader.records(in: bytes) } catch {
            throw MarketSyncError(.source, error.message, file: path, line: error.line)
        }
        guard let header = records.first else {
            throw MarketSyncError(.source, "catalog is empty: expected a header row", file: path, line: 1)
        }
        var columns: [String] = []
        for raw in header.fields {
            guard case let .success(name) = decoder.decode(raw) else {
                throw MarketSyncError(.source, encoding == .utf8 ? "header is not valid UTF-8: save the file as UTF-8, or set the source's encoding"
                                      : "header cannot be read as \(encoding.rawValue)", file: path, line: header.line)
            }
            columns.append(name.trimmingWhitespace().lowercased())
        }
        for column in columns where !Self.knownColumns.contains(column) && !column.hasPrefix(Self.listingPrefix) {
            throw MarketSyncError(.source, "unknown column \"\(column)\"", file: path, line: header.line, key: column)
        }
        for required in ["sku", "name_ru", "price_rub"] where !columns.contains(required) {
            throw MarketSyncError(.source, "missing column \"\(required)\"", file: path, line: header.line, key: required)
        }
        if let duplicate = Dictionary(grouping: columns, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw MarketSyncError(.source, "column \"\(duplicate)\" appears twice", file: path, line: header.line, key: duplicate)
        }

        var rows: [(line: Int, result: Result<Product, RowProblem>)] = []
        rows.reserveCapacity(records.count)
        for record in records.dropFirst() {
            rows.append((record.line, csvRow(record, columns: columns, decoder: decoder)))
        }
        return assemble(rows.map { ($0.line, nil, $0.result) }, path: path, encodingAware: true)
    }

    private func csvRow(_ record: CSVRecordReader.Record, columns: [String], decoder: SourceTextDecoder) -> Result<Product, RowProblem> {
        guard record.fields.count == columns.count else {
            return .failure(RowProblem("has \(record.fields.count) fields, the header has \(columns.count)"))
        }
        var text: [String: String] = [:]
        var listings: [ChannelID: String] = [:]
        for (column, raw) in zip(columns, record.fields) {
            let value: String
            switch decoder.decode(raw) {
            case let .success(text): value = text
            case let .failure(failure) where decoder.encoding == .utf8:
                return .failure(RowProblem("\(column) is not valid UTF-8 at \(failure) of the field (was the file saved as Windows-1251 or "
                                           + "GBK? set the source's encoding)", sku: sku(of: record, columns: columns, decoder: decoder)))
            case let .failure(failure):
                return .failure(RowProblem("\(column) cannot be read as \(decoder.encoding.rawValue) at \(failure) of the field",
                                           sku: sku(of: record, columns: columns, decoder: decoder)))
            }
            if column.hasPrefix(Self.listingPrefix) {
                listings[ChannelID(String(column.dropFirst(Self.listingPrefix.count)))] = value
            } else {
                text[column] = value
            }
        }
        return validator.product(from: .init(
            sku: text["sku"], gtin: text["gtin"], nameRU: text["name_ru"], nameZH: text["name_zh"], nameEN: text["name_en"],
            unit: text["unit"], price: text["price_rub"], stock: text["stock"], warehouse: text["warehouse"],
            lot: text["lot"], expiresOn: text["expires_on"], producedOn: text["produced_on"], listings: listings))
    }

    /// The row's SKU when its own field can be read, so a rejection names it.
    private func sku(of record: CSVRecordReader.Record, columns: [String], decoder: SourceTextDecoder) -> SKU? {
        guard let index = columns.firstIndex(of: "sku"), index < record.fields.count,
              case let .success(text) = decoder.decode(record.fields[index]) else { return nil }
        let trimmed = text.trimmingWhitespace()
        return trimmed.isEmpty ? nil : SKU(trimmed)
    }

    /// Reads JSON data (exposed for tests).
    func readJSON(_ data: Data, path: String) throws -> ImportReport {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw MarketSyncError(.source, "not valid JSON: \(Self.reason(error))", file: path)
        }
        let elements: [Any]
        if let array = root as? [Any] {
            elements = array
        } else if let object = root as? [String: Any], let array = object["products"] as? [Any] {
            elements = array
        } else {
            throw MarketSyncError(.source, "expected {\"products\": [...]} or an array of products", file: path)
        }
        var rows: [(Int?, String?, Result<Product, RowProblem>)] = []
        for (index, element) in elements.enumerated() {
            rows.append((nil, "products[\(index)]", jsonRow(element)))
        }
        return assemble(rows, path: path, encodingAware: false)
    }

    private func jsonRow(_ element: Any) -> Result<Product, RowProblem> {
        guard let object = element as? [String: Any] else { return .failure(RowProblem("is not an object")) }
        let allowed = Self.knownColumns.union(["names", "listings", "lots"])
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            return .failure(RowProblem("unknown key \"\(unknown)\""))
        }
        func text(_ value: Any?) -> String? {
            switch value {
            case let string as String: string
            case let number as NSNumber: number.stringValue
            default: nil
            }
        }
        let names = object["names"] as? [String: Any]
        var listings: [ChannelID: String] = [:]
        for (channel, value) in (object["listings"] as? [String: Any]) ?? [:] {
            if let value = text(value) { listings[ChannelID(channel)] = value }
        }
        return validator.product(from: .init(
            sku: text(object["sku"]), gtin: text(object["gtin"]),
            nameRU: text(object["name_ru"]) ?? text(names?["ru"]), nameZH: text(object["name_zh"]) ?? text(names?["zh"]),
            nameEN: text(object["name_en"]) ?? text(names?["en"]), unit: text(object["unit"]),
            price: text(object["price_rub"]), stock: text(object["stock"]), warehouse: text(object["warehouse"]),
            lot: text(object["lot"]), expiresOn: text(object["expires_on"]), producedOn: text(object["produced_on"]),
            listings: listings))
    }

    /// Applies the file-wide rule (a SKU must be unique in the file: every copy is rejected, so neither wins by
    /// accident) and builds the report.
    private func assemble(_ rows: [(Int?, String?, Result<Product, RowProblem>)], path: String, encodingAware: Bool) -> ImportReport {
        var report = ImportReport(source: path)
        var places: [SKU: [String]] = [:]
        for (line, element, result) in rows {
            if case let .success(product) = result {
                places[product.sku, default: []].append(line.map(String.init) ?? element ?? "?")
            }
        }
        for (line, element, result) in rows {
            switch result {
            case let .success(product):
                if let seen = places[product.sku], seen.count > 1 {
                    report.rejections.append(.init(file: path, line: line, element: element, sku: product.sku,
                                                   reason: "sku appears more than once in the file (lines \(seen.joined(separator: ", ")))"))
                } else {
                    report.products.append(product)
                }
            case let .failure(problem):
                report.rejections.append(.init(file: path, line: line, element: element, sku: problem.sku, reason: problem.reason))
            }
        }
        return report
    }

    static func reason(_ error: any Error) -> String {
        let text = (error as NSError).localizedDescription
        return text.isEmpty ? String(describing: error) : text
    }
}
