internal import Foundation

/// Reads a stock-lots file: several lots per SKU, each with its warehouse, quantity and dates, for perishables.
///
/// CSV columns: `sku`, `quantity` required; `warehouse`, `lot`, `expires_on`, `produced_on` (yyyy-MM-dd)
/// optional. A bad row is rejected with `file:line: reason`; a SKU with any bad row keeps none of this file's
/// lots (its last good stock stays in force), so a half-read SKU never shows a wrong total.
public struct LotsReader: Sendable {
    /// What reading one lots file produced.
    public struct Report: Sendable {
        /// The path of the file read, as given; rejections name it too.
        public var source: String
        /// The lots of each SKU, in file order; a SKU with any rejected row has none here.
        public var lots: [SKU: [StockLot]]
        /// The rejected rows, each with `file:line: reason`.
        public var rejections: [ImportReport.Rejection]
    }

    static let columns: Set<String> = ["sku", "warehouse", "lot", "quantity", "expires_on", "produced_on"]

    /// A reader. It keeps no state.
    public init() {}

    /// Reads the lots file at `path`, its text in `encoding` (each field decoded alone, so a bad byte rejects its row).
    public func read(path: String, encoding: SourceEncoding = .utf8) throws -> Report {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw MarketSyncError(.source, "cannot read lots file: \(CatalogReader.reason(error))", file: path)
        }
        let bytes = Array(data)
        let decoder = try CatalogReader.decoder(for: encoding, path: path)
        let reader = CSVRecordReader(delimiter: CSVRecordReader.detectDelimiter(in: bytes))
        let records: [CSVRecordReader.Record]
        do { records = try reader.records(in: bytes) } catch {
            throw MarketSyncError(.source, error.message, file: path, line: error.line)
        }
        guard let header = records.first else { throw MarketSyncError(.source, "lots file is empty: expected a header row", file: path, line: 1) }
        var names: [String] = []
        for raw in header.fields {
            guard case let .success(name) = decoder.decode(raw) else {
                throw MarketSyncError(.source, "header cannot be read as \(encoding.rawValue)", file: path, line: header.line)
            }
            names.append(name.trimmingWhitespace().lowercased())
        }
        for name in names where !Self.columns.contains(name) {
            throw MarketSyncError(.source, "unknown column \"\(name)\"", file: path, line: header.line, key: name)
        }
        for required in ["sku", "quantity"] where !names.contains(required) {
            throw MarketSyncError(.source, "missing column \"\(required)\"", file: path, line: header.line, key: required)
        }
        var report = Report(source: path, lots: [:], rejections: [])
        var bad: Set<SKU> = []
        var seen: Set<String> = []
        for record in records.dropFirst() {
            var text: [String: String] = [:]
            var undecodable: String?
            for (name, raw) in zip(names, record.fields) {
                switch decoder.decode(raw) {
                case let .success(value): text[name] = value.trimmingWhitespace()
                case let .failure(failure): undecodable = "\(name) cannot be read as \(encoding.rawValue) at \(failure) of the field"
                }
                if undecodable != nil { break }
            }
            let sku = (text["sku"]).flatMap { $0.isEmpty ? nil : SKU($0) }
            func reject(_ reason: String) {
                report.rejections.append(.init(file: path, line: record.line, sku: sku, reason: reason))
                if let sku { bad.insert(sku) }
            }
            if let undecodable { reject(undecodable); continue }
            guard record.fields.count == names.count else { reject("has \(record.fields.count) fields, the header has \(names.count)"); continue }
            guard let sku else { reject("sku is empty"); continue }
            guard let quantity = WholeNumber.parse(text["quantity"] ?? ""), ValueRanges.quantity.contains(quantity) else {
                reject("quantity \"\(text["quantity"] ?? "")\" is not a whole number from 0 to \(ValueRanges.quantity.upperBound)"); continue
            }
            var dates: [String: Date] = [:]
            var dateProblem: String?
            for key in ["expires_on", "produced_on"] {
                guard let value = text[key], !value.isEmpty else { continue }
                guard let date = CalendarDate.parse(value) else { dateProblem = "\(key) \"\(value)\" is not a date like 2026-12-31"; break }
                dates[key] = date
            }
            if let dateProblem { reject(dateProblem); continue }
            if let produced = dates["produced_on"], let expires = dates["expires_on"], produced > expires {
                reject("produced_on is after expires_on"); continue
            }
            let warehouse = text["warehouse"].flatMap { $0.isEmpty ? nil : $0 } ?? "main"
            let lot = text["lot"].flatMap { $0.isEmpty ? nil : $0 } ?? "-"
            guard seen.insert("\(sku)\u{1}\(warehouse)\u{1}\(lot)").inserted else {
                reject("lot \(lot) in \(warehouse) appears twice"); continue
            }
            report.lots[sku, default: []].append(StockLot(warehouse: warehouse, lot: lot, quantity: quantity,
                                                          expiresOn: dates["expires_on"], producedOn: dates["produced_on"]))
        }
        for sku in bad { report.lots[sku] = nil }
        return report
    }

    /// Puts the lots over the catalog's products: a SKU in the lots file gets exactly those lots; one in the lots
    /// file but in no catalog report is rejected (its product must be imported with it). When a report is read only
    /// while it is imported (a CommerceML package), the lots of SKUs no other report has go to the first such
    /// report's overlay instead, which puts them over its products and rejects those it does not give.
    public static func merge(_ lots: [Report], into reports: inout [ImportReport]) {
        var all: [SKU: [StockLot]] = [:]
        for report in lots { for (sku, list) in report.lots { all[sku, default: []] += list } }
        var used: Set<SKU> = []
        for r in reports.indices {
            for p in reports[r].products.indices {
                let sku = reports[r].products[p].sku
                if let list = all[sku] {
                    reports[r].products[p].lots = list
                    used.insert(sku)
                }
            }
        }
        guard !reports.isEmpty else { return }
        let streamed = reports.firstIndex { $0.stream != nil }
        var rejections: [ImportReport.Rejection] = []
        var overlay = LotsOverlay()
        for report in lots {
            rejections += report.rejections
            for sku in report.lots.keys.sorted() where !used.contains(sku) {
                if streamed != nil {
                    overlay.lots[sku] = all[sku]
                    overlay.sources[sku] = overlay.sources[sku] ?? report.source
                } else {
                    rejections.append(.init(file: report.source, sku: sku, reason: "SKU is not in the catalog sources of this run"))
                }
            }
        }
        reports[0].rejections += rejections
        if let streamed { reports[streamed].overlay = overlay }
    }
}
