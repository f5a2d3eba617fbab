import MarketSync

/// Reads sheet layouts from a channel's flattened options, remembering which keys it read so the rest can be named
/// as unknown. Every error is a `.config` error with the full key and its line.
struct SheetConfigReader {
    private let options: [String: ConfigValue]
    private let prefix: String
    private let keyPath: String
    private let file: String?
    private var used: Set<String> = []

    init(options: [String: ConfigValue], prefix: String, keyPath: String, file: String?) {
        self.prefix = prefix
        self.keyPath = keyPath
        self.file = file
        self.options = options.filter { prefix.isEmpty || $0.key.hasPrefix(prefix + ".") }
    }

    // MARK: Keys and errors

    private func optionKey(_ relative: String) -> String { prefix.isEmpty ? relative : "\(prefix).\(relative)" }

    private mutating func value(_ relative: String) -> ConfigValue? {
        let key = optionKey(relative)
        guard let value = options[key] else { return nil }
        used.insert(key)
        return value
    }

    func has(section: String) -> Bool {
        let start = optionKey(section) + "."
        return options.keys.contains { $0.hasPrefix(start) }
    }

    /// A `.config` error about the option `relative` (under the prefix): its full key, and its line or, for a key
    /// that is not there, the first line of what is under it.
    func error(_ message: String, at relative: String) -> MarketSyncError {
        let key = optionKey(relative)
        let line = options[key]?.line ?? options.filter { $0.key.hasPrefix(key + ".") }.compactMap(\.value.line).min()
        return MarketSyncError(.config, message, file: file, line: line, key: keyPath.isEmpty ? key : "\(keyPath).\(key)")
    }

    mutating func rejectUnknown() throws(MarketSyncError) {
        let unknown = options.keys.filter { !used.contains($0) }.sorted {
            (options[$0]?.line ?? Int.max, $0) < (options[$1]?.line ?? Int.max, $1)
        }
        guard let first = unknown.first else { return }
        let relative = prefix.isEmpty ? first : String(first.dropFirst(prefix.count + 1))
        throw error("unknown key", at: relative)
    }

    // MARK: Sections

    mutating func units() -> [String: String] {
        let start = optionKey("units") + "."
        var units: [String: String] = [:]
        for (key, value) in options where key.hasPrefix(start) {
            used.insert(key)
            units[String(key.dropFirst(start.count))] = value.text
        }
        return units
    }

    mutating func format(under section: String, base: SheetFormat) throws(MarketSyncError) -> SheetFormat {
        var format = base
        let at = { (name: String) in section.isEmpty ? name : "\(section).\(name)" }
        if let value = value(at("encoding")) {
            guard let encoding = SheetEncoding(name: value.text) else {
                throw error("\"\(value.text)\" is not an encoding (use utf-8, utf-8-bom, gb18030 or windows-1251)", at: at("encoding"))
            }
            format.encoding = encoding
        }
        if let value = value(at("delimiter")) {
            guard let delimiter = SheetDelimiter(name: value.text) else {
                throw error("\"\(value.text)\" is not a delimiter (use \",\", \";\" or tab)", at: at("delimiter"))
            }
            format.delimiter = delimiter
        }
        if let value = value(at("quoting")) {
            guard let quoting = CSVRecordWriter.Quoting(rawValue: value.text.lowercased()) else {
                throw error("\"\(value.text)\" is not a quoting (use minimal or always)", at: at("quoting"))
            }
            format.quoting = quoting
        }
        if let value = value(at("decimal_mark")) {
            guard value.text == "." || value.text == "," else {
                throw error("\"\(value.text)\" is not a decimal mark (use \".\" or \",\")", at: at("decimal_mark"))
            }
            format.decimalMark = value.text == "," ? "," : "."
        }
        if let value = value(at("line_ending")) {
            guard let ending = SheetLineEnding(rawValue: value.text.lowercased()) else {
                throw error("\"\(value.text)\" is not a line ending (use crlf or lf)", at: at("line_ending"))
            }
            format.lineEnding = ending
        }
        if let value = value(at("date_format")) {
            guard let dateFormat = SheetDateFormat(pattern: value.text) else {
                throw error("\"\(value.text)\" is not a date format (yyyy, MM, dd, HH, mm, ss and separators, such as yyyy-MM-dd)", at: at("date_format"))
            }
            format.dateFormat = dateFormat
        }
        if let value = value(at("currency")) {
            guard value.text.count == 3, value.text.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw error("\"\(value.text)\" is not an ISO 4217 currency code", at: at("currency"))
            }
            format.currency = Currency(rawValue: value.text)
        }
        return format
    }

    mutating func layout(_ kind: SheetKind, defaults: SheetFormat, units: [String: String]) throws(MarketSyncError) -> SheetLayout {
        let section = kind.rawValue
        let format = try self.format(under: section, base: defaults)
        let columns = try self.columns(under: section)
        var naming: SheetFileNaming?
        // An order sheet is read: `file_name` and `split` mean nothing for it and are left to be named as unknown.
        if kind.isWritten {
            let split = try self.split(under: section)
            guard let pattern = value("\(section).file_name") else {
                throw error("a \(kind) sheet needs a file name", at: "\(section).file_name")
            }
            do { naming = try SheetFileNaming(pattern: pattern.text, split: split ?? .none) } catch {
                throw self.error(error.description, at: "\(section).file_name")
            }
        }
        var texts = SheetStatusTexts()
        if kind == .orderResponse {
            if let value = value("\(section).accepted_text") { texts.accepted = value.text }
            if let value = value("\(section).refused_text") { texts.refused = value.text }
        }
        do {
            return try SheetLayout(kind: kind, columns: columns, format: format, naming: naming, units: units, statusTexts: texts,
                                   keyPath: optionKey(section))
        } catch {
            // The layout names its key under the prefix; give it the full key and its line.
            let relative = (error.key ?? "").dropFirst(prefix.isEmpty ? 0 : prefix.count + 1)
            throw self.error(error.message, at: String(relative))
        }
    }

    private mutating func split(under section: String) throws(MarketSyncError) -> SheetSplit? {
        guard let value = value("\(section).split") else { return nil }
        guard let split = SheetSplit(rawValue: value.text.lowercased()) else {
            throw error("\"\(value.text)\" is not a split (use none, store or order)", at: "\(section).split")
        }
        return split
    }

    private mutating func columns(under section: String) throws(MarketSyncError) -> [SheetColumn] {
        let start = optionKey("\(section).columns") + "."
        var numbers: Set<Int> = []
        for key in options.keys where key.hasPrefix(start) {
            let rest = key.dropFirst(start.count)
            let number = rest.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
            guard let value = Int(number), value >= 1, String(value) == number else {
                throw error("columns are numbered 1, 2, 3…, not \"\(number)\"", at: "\(section).columns.\(number)")
            }
            guard rest.contains(".") else {
                throw error("a column is a mapping with field and header", at: "\(section).columns.\(number)")
            }
            numbers.insert(value)
        }
        guard let last = numbers.max() else { throw error("a sheet needs columns", at: "\(section).columns") }
        var columns: [SheetColumn] = []
        for number in 1...last {
            let at = "\(section).columns.\(number)"
            guard numbers.contains(number) else { throw error("column \(number) is missing (columns are numbered without gaps)", at: at) }
            guard let fieldValue = value("\(at).field") else { throw error("a column needs a field", at: "\(at).field") }
            guard let field = SheetField(rawValue: fieldValue.text) else {
                let names = SheetField.allCases.map(\.rawValue).joined(separator: ", ")
                throw error("\"\(fieldValue.text)\" is not a field (use \(names))", at: "\(at).field")
            }
            guard let header = value("\(at).header") else { throw error("a column needs a header", at: "\(at).header") }
            var optional: Bool?
            if let value = value("\(at).optional") {
                switch value.text.lowercased() {
                case "true", "yes": optional = true
                case "false", "no": optional = false
                default: throw error("\"\(value.text)\" is not true or false", at: "\(at).optional")
                }
            }
            columns.append(SheetColumn(header.text, field, optional: optional))
        }
        return columns
    }
}
