internal import Foundation
internal import MarketSync
internal import Yams

/// A YAML mapping being read: remembers which keys were read, so the rest can be reported as unknown, and
/// names every problem by file, line and dotted key path.
///
/// Readers never throw: a problem is reported to the file's ``ConfigDiagnostics`` and the reader returns nil,
/// so one pass over the file finds every error, not just the first.
final class ConfigMapping {
    let path: String
    let file: String
    let line: Int?
    let diagnostics: ConfigDiagnostics
    private var entries: [(key: String, line: Int?, value: Node)] = []
    private var used: Set<String> = []

    /// Nil (and a reported problem) when `node` is not a mapping.
    init?(_ node: Node, path: String, file: String, diagnostics: ConfigDiagnostics) {
        self.path = path
        self.file = file
        self.line = node.mark?.line
        self.diagnostics = diagnostics
        guard case let .mapping(mapping) = node else {
            diagnostics.report(MarketSyncError(.config, "must be a mapping", file: file, line: node.mark?.line, key: path.isEmpty ? nil : path))
            return nil
        }
        for (key, value) in mapping {
            guard let name = key.string else {
                diagnostics.report(MarketSyncError(.config, "keys must be text", file: file, line: key.mark?.line, key: path))
                continue
            }
            entries.append((name, key.mark?.line, value))
        }
    }

    var keys: [String] { entries.map(\.key) }

    /// The line of every key at or below this mapping, by path relative to it (`price.ending`); `""` is the
    /// mapping's own line.
    var lines: [String: Int] {
        var lines: [String: Int] = [:]
        if let line { lines[""] = line }
        for entry in entries {
            YAMLKeyLines.walk(entry.value, line: entry.line, prefix: entry.key, into: &lines)
        }
        return lines
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The line a key is on, or this mapping's line when the key is absent.
    func line(of key: String) -> Int? {
        entries.first { $0.key == key }?.line ?? line
    }

    private func node(_ key: String) -> Node? {
        used.insert(key)
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        if case .scalar = entry.value, entry.value.null != nil { return nil }
        return entry.value
    }

    /// The value of `key` when it is a single value, nil (reporting nothing) when it is absent or anything else.
    func scalarIfAny(_ key: String) -> ConfigValue? {
        guard let entry = entries.first(where: { $0.key == key }), case let .scalar(scalar) = entry.value, entry.value.null == nil else {
            return nil
        }
        used.insert(key)
        return ConfigValue(text: scalar.string, line: entry.line)
    }

    func string(_ key: String) -> ConfigValue? {
        guard let node = node(key) else { return nil }
        guard case let .scalar(scalar) = node else {
            report("must be a single value", key: key, line: node.mark?.line)
            return nil
        }
        return ConfigValue(text: scalar.string, line: node.mark?.line)
    }

    /// A value that must be there: reports "is required" when it is absent.
    func required(_ key: String) -> ConfigValue? {
        let present = entries.contains { $0.key == key && $0.value.null == nil }
        let value = string(key)
        if !present { report("is required", key: key, line: line) }
        return value
    }

    func mapping(_ key: String) -> ConfigMapping? {
        guard let node = node(key) else { return nil }
        return ConfigMapping(node, path: keyPath(key), file: file, diagnostics: diagnostics)
    }

    func sequence(_ key: String) -> [Node] {
        guard let node = node(key) else { return [] }
        guard case let .sequence(sequence) = node else {
            report("must be a list", key: key, line: node.mark?.line)
            return []
        }
        return Array(sequence)
    }

    /// A value or a list of values (`path: a.xml` or `path: [a.xml, b.xml]`).
    func strings(_ key: String) -> [ConfigValue]? {
        guard let node = node(key) else { return nil }
        switch node {
        case let .scalar(scalar):
            return [ConfigValue(text: scalar.string, line: node.mark?.line)]
        case let .sequence(sequence):
            var values: [ConfigValue] = []
            for item in sequence {
                guard case let .scalar(scalar) = item else {
                    report("must be a value or a list of values", key: key, line: item.mark?.line)
                    return nil
                }
                values.append(ConfigValue(text: scalar.string, line: item.mark?.line))
            }
            return values
        default:
            report("must be a value or a list of values", key: key, line: node.mark?.line)
            return nil
        }
    }

    /// Every scalar below this mapping as `a.b.c` → value.
    func flatten(into options: inout [String: ConfigValue], prefix: String) {
        for entry in entries {
            used.insert(entry.key)
            let name = prefix.isEmpty ? entry.key : "\(prefix).\(entry.key)"
            switch entry.value {
            case let .scalar(scalar):
                options[name] = ConfigValue(text: scalar.string, line: entry.line)
            case .mapping:
                ConfigMapping(entry.value, path: keyPath(entry.key), file: file, diagnostics: diagnostics)?.flatten(into: &options, prefix: name)
            default:
                report("must be a value or a mapping", key: entry.key, line: entry.line)
            }
        }
    }

    /// Reports every key that was not read.
    func rejectUnknown() {
        for unknown in entries where !used.contains(unknown.key) {
            report("unknown key", key: unknown.key, line: unknown.line)
        }
    }

    // MARK: Typed values, range-checked

    /// A duration in the one grammar (``DurationText``).
    func duration(_ key: String) -> Duration? {
        guard let value = string(key) else { return nil }
        switch DurationText.parse(value.text) {
        case let .success(duration): return duration
        case let .failure(problem):
            invalid(key, value, problem.description)
            return nil
        }
    }

    /// A whole number in `range`.
    func integer(_ key: String, in range: ClosedRange<Int64>) -> Int64? {
        guard let value = string(key) else { return nil }
        guard let number = WholeNumber.parse(value.text), range.contains(number) else {
            invalid(key, value, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    /// A percentage (`30%`, `12.5%`) in `range`; `why` says the range in words.
    func percent(_ key: String, in range: ClosedRange<Percent>, _ why: String) -> Percent? {
        guard let value = string(key) else { return nil }
        guard let percent = Percent(value.text), range.contains(percent) else {
            invalid(key, value, "must be a percentage \(why), like 30% or 12.5%")
            return nil
        }
        return percent
    }

    /// An amount in major units (`20.00`) as minor units, above 0 and at most ``ValueRanges/maximumAmountMinor``.
    func amount(_ key: String) -> Int64? {
        guard let value = string(key) else { return nil }
        guard let money = Money.parseDecimal(value.text, currency: .cny), money.minorUnits > 0,
              money.minorUnits <= ValueRanges.maximumAmountMinor else {
            invalid(key, value, "must be an amount above 0 and at most \(ValueRanges.maximumAmountMinor / 100), like 20.00")
            return nil
        }
        return money.minorUnits
    }

    /// An exchange rate: a decimal above 0 and at most ``ValueRanges/maximumRate``.
    func rate(_ key: String) -> DecimalRatio? {
        guard let value = string(key) else { return nil }
        guard let rate = DecimalRatio(value.text), rate.isAtMost(ValueRanges.maximumRate) else {
            invalid(key, value, "must be a decimal above 0 and at most \(ValueRanges.maximumRate), like 0.0825")
            return nil
        }
        return rate
    }

    /// `true` or `false`.
    func bool(_ key: String) -> Bool? {
        guard let value = string(key) else { return nil }
        guard let flag = Bool(value.text.lowercased()) else {
            invalid(key, value, "must be true or false")
            return nil
        }
        return flag
    }

    /// One of a fixed set of words.
    func choice<Choice: RawRepresentable<String>>(_ key: String, _ why: String) -> Choice? {
        guard let value = string(key) else { return nil }
        guard let choice = Choice(rawValue: value.text) else {
            invalid(key, value, why)
            return nil
        }
        return choice
    }

    // MARK: Problems

    /// Reports a value that is wrong: `file:line: key.path: "value" why`.
    func invalid(_ key: String, _ value: ConfigValue, _ why: String) {
        report("\"\(value.text)\" \(why)", key: key, line: value.line)
    }

    /// Reports a problem about `key`, on the key's line unless another is given.
    func report(_ message: String, key: String, line: Int? = nil) {
        diagnostics.report(MarketSyncError(.config, message, file: file, line: line ?? self.line(of: key), key: keyPath(key)))
    }
}
