internal import Foundation
internal import MarketSync
internal import Yams

/// A YAML mapping being read: remembers which keys were read, so the rest can be reported as unknown, and
/// names every problem by file, line and dotted key path.
final class ConfigMapping {
    let path: String
    let file: String
    let line: Int?
    private var entries: [(key: String, line: Int?, value: Node)] = []
    private var used: Set<String> = []

    init(_ node: Node, path: String, file: String) throws {
        self.path = path
        self.file = file
        self.line = node.mark?.line
        guard case let .mapping(mapping) = node else {
            throw MarketSyncError(.config, "must be a mapping", file: file, line: node.mark?.line, key: path.isEmpty ? nil : path)
        }
        for (key, value) in mapping {
            guard let name = key.string else {
                throw MarketSyncError(.config, "keys must be text", file: file, line: key.mark?.line, key: path)
            }
            entries.append((name, key.mark?.line, value))
        }
    }

    var keys: [String] { entries.map(\.key) }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func node(_ key: String) -> Node? {
        used.insert(key)
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        if case .scalar = entry.value, entry.value.null != nil { return nil }
        return entry.value
    }

    func string(_ key: String) throws -> ConfigValue? {
        guard let node = node(key) else { return nil }
        guard case let .scalar(scalar) = node else {
            throw MarketSyncError(.config, "must be a single value", file: file, line: node.mark?.line, key: keyPath(key))
        }
        return ConfigValue(text: scalar.string, line: node.mark?.line)
    }

    func mapping(_ key: String) throws -> ConfigMapping? {
        guard let node = node(key) else { return nil }
        return try ConfigMapping(node, path: keyPath(key), file: file)
    }

    func sequence(_ key: String) throws -> [Node] {
        guard let node = node(key) else { return [] }
        guard case let .sequence(sequence) = node else {
            throw MarketSyncError(.config, "must be a list", file: file, line: node.mark?.line, key: keyPath(key))
        }
        return Array(sequence)
    }

    /// Every scalar below this mapping as `a.b.c` → value.
    func flatten(into options: inout [String: ConfigValue], prefix: String) throws {
        for entry in entries {
            used.insert(entry.key)
            let name = prefix.isEmpty ? entry.key : "\(prefix).\(entry.key)"
            switch entry.value {
            case let .scalar(scalar):
                options[name] = ConfigValue(text: scalar.string, line: entry.line)
            case .mapping:
                try ConfigMapping(entry.value, path: keyPath(entry.key), file: file).flatten(into: &options, prefix: name)
            default:
                throw MarketSyncError(.config, "must be a value or a mapping", file: file, line: entry.line, key: keyPath(entry.key))
            }
        }
    }

    func rejectUnknown() throws {
        if let unknown = entries.first(where: { !used.contains($0.key) }) {
            throw MarketSyncError(.config, "unknown key", file: file, line: unknown.line, key: keyPath(unknown.key))
        }
    }

    /// A percentage (`30%`, `12.5%`), or nil when absent.
    func percent(_ key: String) throws -> Percent? {
        guard let value = try string(key) else { return nil }
        guard let percent = Percent(value.text) else { throw invalid(key, value, "must be a percentage like 30% or 12.5%") }
        return percent
    }

    /// An amount in major units (`20.00`) as minor units, or nil when absent.
    func amount(_ key: String) throws -> Int64? {
        guard let value = try string(key) else { return nil }
        guard let money = Money.parseDecimal(value.text, currency: .cny), money.minorUnits > 0 else {
            throw invalid(key, value, "must be a positive amount like 20.00")
        }
        return money.minorUnits
    }

    /// A whole number ≥ 0, or nil when absent.
    func count(_ key: String) throws -> Int64? {
        guard let value = try string(key) else { return nil }
        guard let number = Int64(value.text), number >= 0 else { throw invalid(key, value, "must be a whole number ≥ 0") }
        return number
    }

    /// The line a key is on.
    func line(of key: String) throws -> Int? {
        entries.first { $0.key == key }?.line
    }

    func missing(_ key: String) -> MarketSyncError {
        MarketSyncError(.config, "is required", file: file, line: line, key: keyPath(key))
    }

    func invalid(_ key: String, _ value: ConfigValue, _ why: String) -> MarketSyncError {
        MarketSyncError(.config, "\"\(value.text)\" \(why)", file: file, line: value.line, key: keyPath(key))
    }
}
