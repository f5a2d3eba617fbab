import Foundation
import MarketSync
import RetailSheets

/// The chain's side of a CSV sheet channel: reads the stock, price and order response sheets we write (each file
/// read with the written layout whose headers it has, the most specific first), writes order sheets in the
/// `orders` layout, its delimiter, quoting, date format and encoding, named `ORDERS_<number>.csv`.
struct SheetPartnerSyntax: PartnerSyntax {
    let channel: ChannelID
    let layouts: ChainSheetLayouts
    let timeZone: TimeZone
    /// The store (delivery point) code an order sheet names when its layout has a store column.
    let store: String

    func read(_ file: FileDropInboundFile) throws -> PartnerFileReading {
        let candidates = [layouts.orderResponse, layouts.price, layouts.stock].compactMap { $0 }
            .enumerated().sorted { ($0.element.columns.count, -$0.offset) > ($1.element.columns.count, -$1.offset) }.map(\.element)
        guard !candidates.isEmpty else {
            throw MarketSyncError(.config, "the channel's sheets name no stock, price or order response layout", channel: channel,
                                  key: "sheets")
        }
        var firstError: MarketSyncError?
        for layout in candidates {
            let table: SheetTable
            do {
                table = try SheetTableReader(layout: layout).read(Array(file.contents), file: file.name.value)
            } catch {
                firstError = firstError ?? error
                continue
            }
            if let problem = table.rows.flatMap(\.problems).first { throw problem }
            return PartnerFileReading(messageTypes: ["\(layout.kind.rawValue.replacingOccurrences(of: "_", with: " ")) sheet"],
                                      lines: table.rows.count,
                                      answers: layout.kind == .orderResponse ? answers(table, layout: layout) : [])
        }
        let reason = firstError.map { ": \($0.message)" } ?? ""
        throw MarketSyncError(.validation, "the file matches none of the channel's sheet layouts\(reason)", channel: channel,
                              key: "file \(file.name)")
    }

    private func answers(_ table: SheetTable, layout: SheetLayout) -> [PartnerAnswer] {
        var order: [String] = []
        var lines: [String: [PartnerLineDecision]] = [:]
        for row in table.rows {
            let number = row.values[.orderNumber] ?? ""
            if lines[number] == nil { order.append(number) }
            let accepted = Int64(row.values[.acceptedQuantity] ?? "")
            let decided: Bool
            switch row.values[.status] {
            case layout.statusTexts.accepted?: decided = true
            case layout.statusTexts.refused?: decided = false
            default: decided = (accepted ?? 0) > 0
            }
            let item = row.values[.itemCode] ?? row.values[.gtin] ?? row.values[.sku]
            let line = row.values[.lineNumber] ?? String((lines[number]?.count ?? 0) + 1)
            lines[number, default: []].append(PartnerLineDecision(line: line, item: item, accepted: decided, quantity: accepted))
        }
        return order.map { number in
            let decisions = lines[number] ?? []
            return PartnerAnswer(orderNumber: number, decision: PartnerAnswer.decision(of: decisions), lines: decisions)
        }
    }

    func write(_ order: PartnerOrder) throws -> (name: FileDropName, contents: Data, report: PartnerWrittenOrder) {
        guard let layout = layouts.orders else {
            throw MarketSyncError(.config, "the channel's sheets have no orders layout (sheets.orders)", channel: channel, key: "sheets.orders")
        }
        let format = layout.format
        let writer = CSVRecordWriter(delimiter: format.delimiter.rawValue.unicodeScalars.first ?? ",", quoting: format.quoting,
                                     lineEnding: format.lineEnding == .crlf ? "\r\n" : "\n")
        var text = writer.record(layout.columns.map(\.header))
        var reported: [PartnerWrittenOrder.Line] = []
        for (index, line) in order.lines.enumerated() {
            let item = line.item
            var cells: [String] = []
            for column in layout.columns {
                let value: String? = switch column.field {
                case .orderNumber: order.number
                case .orderDate, .date: format.dateFormat.text(order.date, in: timeZone)
                case .store: store
                case .lineNumber: String(index + 1)
                case .itemCode: item.itemCode
                case .gtin: item.gtin?.digits
                case .sku: item.sku.rawValue
                case .nameZh: item.names.zh
                case .nameRu: item.names.ru
                case .nameEn: item.names.en
                case .unit: layout.units[item.unit] ?? item.unit
                case .quantity: String(line.quantity)
                case .price: line.priceHundredths.map { PriceText.text($0, decimalMark: format.decimalMark) }
                case .currency: line.priceHundredths == nil ? nil : format.currency.rawValue
                case .acceptedQuantity, .status, .reason: nil
                }
                if (value ?? "").isEmpty, !column.optional {
                    let hint = column.field == .price ? " (give it as SKU=QTY@PRICE)" : ""
                    throw MarketSyncError(.config, "the order sheet's column \"\(column.header)\" (\(column.field)) needs a value SKU \(item.sku) has not\(hint)",
                                          channel: channel, sku: item.sku, key: "sheets.orders")
                }
                cells.append(value ?? "")
            }
            text += writer.record(cells)
            reported.append(.init(line: String(index + 1), sku: item.sku.rawValue,
                                  item: item.itemCode ?? item.gtin?.digits ?? item.sku.rawValue, quantity: line.quantity))
        }
        let name = try FileDropName("ORDERS_\(order.number).csv")
        let contents = try PartnerTextEncoder.encode(text, encoding: format.encoding.rawValue, channel: channel)
        return (name, contents, PartnerWrittenOrder(name: name.value, messageType: "order sheet", orderNumber: order.number, lines: reported))
    }
}
