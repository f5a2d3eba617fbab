internal import Foundation

/// An OF03 error report: the lines of an import that failed, each with an `error-message` column (docs/channels.md,
/// "Asynchronous imports and how their results are read"). Read as Mirakl's own connector reads it: semicolon-separated
/// CSV, comma as a fallback, the first row a header; rows keyed by the offer's SKU column.
struct MiraklErrorReport: Sendable, Hashable {
    /// One failed line: the offer's SKU and the channel's reason.
    struct Row: Sendable, Hashable {
        var sku: String
        var message: String
    }

    /// The failed lines, in the report's order.
    var rows: [Row]

    /// The columns that may carry the offer's SKU, in order of preference (`sku` is OF01's header; `shop-sku` and
    /// `offer-sku` are the other spellings seen in Mirakl files; which one a report of a JSON import uses is
    /// unconfirmed).
    static let skuColumns = ["shop-sku", "shop_sku", "sku", "offer-sku", "offer_sku"]
    /// The reason column Mirakl adds to the failed lines.
    static let messageColumns = ["error-message", "error_message", "errors"]

    /// Reads a report; nil when it is not a CSV with a SKU column and an error-message column.
    init?(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        guard let firstLine = text.split(whereSeparator: \.isNewline).first else { return nil }
        let separator: Character = firstLine.contains(";") || !firstLine.contains(",") ? ";" : ","
        let table = Self.parse(text, separator: separator)
        guard let header = table.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
              let skuIndex = Self.skuColumns.lazy.compactMap({ header.firstIndex(of: $0) }).first,
              let messageIndex = Self.messageColumns.lazy.compactMap({ header.firstIndex(of: $0) }).first else { return nil }
        rows = table.dropFirst().compactMap { fields in
            guard fields.count > max(skuIndex, messageIndex) else { return nil }
            let sku = fields[skuIndex].trimmingCharacters(in: .whitespaces)
            return sku.isEmpty ? nil : Row(sku: sku, message: fields[messageIndex].trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// RFC 4180 fields: quoted fields may hold the separator, line breaks and doubled quotes.
    static func parse(_ text: String, separator: Character) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let character = pending {
                pending = nil
                return character
            }
            return iterator.next()
        }
        while let character = next() {
            if quoted {
                if character == "\"" {
                    if let following = next() {
                        if following == "\"" { field.append("\"") } else {
                            quoted = false
                            pending = following
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: quoted = true
            case separator:
                row.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                row.append(field)
                field = ""
                if row.count > 1 || !(row.first ?? "").isEmpty { rows.append(row) }
                row = []
            default: field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
