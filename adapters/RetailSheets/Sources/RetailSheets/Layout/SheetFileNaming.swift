public import Foundation

/// How the files of a sheet are named and cut (`file_name:`, `split:`): a pattern with placeholders `{date}` (the
/// run's day in the chain's zone, `yyyyMMdd`), `{date:<date format>}`, `{seq}` or `{seq:<width>}` (the file's
/// sequence number, zero-padded to the width), `{store}` and `{order}` (the split's value), and literal text
/// without `/`, `\` or control characters (`WM_KC_{date}_{seq:4}.csv`).
public struct SheetFileNaming: Sendable, Hashable, CustomStringConvertible {
    enum Part: Sendable, Hashable {
        case literal(String)
        case date(SheetDateFormat)
        case sequence(width: Int)
        case store
        case order
    }

    /// Why a pattern is not one.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// A `{` without its `}`, or a `}` alone.
        case unbalanced
        /// A placeholder this version does not know (`{time}`), or a bad argument (`{seq:x}`, `{date:yyyy-MM}`).
        case unknownPlaceholder(String)
        /// `/`, `\` or a control character in the literal text, or no text at all.
        case badLiteral
        /// The split needs a placeholder the pattern lacks (`{store}` for one file per store).
        case missingPlaceholder(String)

        /// For the config error.
        public var description: String {
            switch self {
            case .unbalanced: "a { without its } (or a } alone)"
            case let .unknownPlaceholder(name): "{\(name)} is not a placeholder (use {date}, {date:yyyyMMdd}, {seq}, {seq:4}, {store}, {order})"
            case .badLiteral: "a file name cannot be empty or hold /, \\ or control characters"
            case let .missingPlaceholder(name): "one file per \(name) needs {\(name)} in the file name"
            }
        }
    }

    /// The pattern as given.
    public let pattern: String
    /// How rows are cut into files.
    public let split: SheetSplit
    let parts: [Part]

    /// The naming of `pattern` for `split`; throws the problem found.
    public init(pattern: String, split: SheetSplit = .none) throws(Problem) {
        var parts: [Part] = []
        var rest = Substring(pattern)
        while !rest.isEmpty {
            if rest.first == "{" {
                guard let close = rest.firstIndex(of: "}") else { throw .unbalanced }
                let body = rest[rest.index(after: rest.startIndex)..<close]
                parts.append(try Self.placeholder(String(body)))
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(of: "{") ?? rest.endIndex
                let literal = rest[..<end]
                guard !literal.contains("}"), !literal.contains("/"), !literal.contains("\\"),
                      !literal.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                    throw literal.contains("}") ? .unbalanced : .badLiteral
                }
                parts.append(.literal(String(literal)))
                rest = rest[end...]
            }
        }
        guard !parts.isEmpty else { throw .badLiteral }
        switch split {
        case .none: break
        case .store: guard parts.contains(.store) else { throw .missingPlaceholder("store") }
        case .order: guard parts.contains(.order) else { throw .missingPlaceholder("order") }
        }
        self.pattern = pattern
        self.split = split
        self.parts = parts
    }

    /// The pattern.
    public var description: String { pattern }

    /// The name of one file, or nil when a store code or order number cannot stand in a file name (empty, starting
    /// with `.`, holding anything but letters, digits, `-`, `_` and `.`).
    public func name(date: Date, timeZone: TimeZone, sequence: Int, store: String?, order: String?) -> String? {
        var name = ""
        for part in parts {
            switch part {
            case let .literal(text): name += text
            case let .date(format): name += format.text(date, in: timeZone)
            case let .sequence(width):
                let digits = String(sequence)
                name += String(repeating: "0", count: max(0, width - digits.count)) + digits
            case .store:
                guard let store, Self.isSafe(store) else { return nil }
                name += store
            case .order:
                guard let order, Self.isSafe(order) else { return nil }
                name += order
            }
        }
        return name
    }

    private static func isSafe(_ value: String) -> Bool {
        !value.isEmpty && value.first != "." && value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
    }

    private static func placeholder(_ body: String) throws(Problem) -> Part {
        let pieces = body.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let name = pieces.first.map(String.init) ?? ""
        let argument = pieces.count == 2 ? String(pieces[1]) : nil
        switch (name, argument) {
        case ("date", nil): return .date(SheetDateFormat(pattern: "yyyyMMdd") ?? .isoDay)
        case let ("date", pattern?):
            guard let format = SheetDateFormat(pattern: pattern), !pattern.contains("/") else { throw .unknownPlaceholder(body) }
            return .date(format)
        case ("seq", nil): return .sequence(width: 1)
        case let ("seq", width?):
            guard let value = Int(width), (1...12).contains(value) else { throw .unknownPlaceholder(body) }
            return .sequence(width: value)
        case ("store", nil): return .store
        case ("order", nil): return .order
        default: throw .unknownPlaceholder(body)
        }
    }
}
