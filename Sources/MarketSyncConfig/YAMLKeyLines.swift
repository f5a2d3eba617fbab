internal import Yams

/// The line of every key in a YAML document, by dotted key path (`steps[1].advance`, `channels.shop.price`), so
/// files read through `Decodable` (scenarios) can name `file:line: key.path` in their errors too.
public struct YAMLKeyLines: Sendable {
    /// The 1-based line of each key path; `""` is the document's root.
    public let lines: [String: Int]

    /// The lines of `text`; empty when it is not YAML (the decoder reports that).
    public init(_ text: String) {
        var lines: [String: Int] = [:]
        if let root = try? Yams.compose(yaml: text) {
            Self.walk(root, line: root.mark?.line, prefix: "", into: &lines)
        }
        self.lines = lines
    }

    init(lines: [String: Int]) {
        self.lines = lines
    }

    /// The line of `key`, or of its nearest enclosing key in the file.
    public func line(of key: String) -> Int? {
        var path = Substring(key)
        while true {
            if let line = lines[String(path)] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return lines[""] }
            path = path[..<cut]
        }
    }

    /// Records the line of `node` under `prefix`, then of everything below it.
    static func walk(_ node: Node, line: Int?, prefix: String, into lines: inout [String: Int]) {
        if let line { lines[prefix] = line }
        switch node {
        case let .mapping(mapping):
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                walk(value, line: key.mark?.line, prefix: prefix.isEmpty ? name : "\(prefix).\(name)", into: &lines)
            }
        case let .sequence(sequence):
            for (index, value) in sequence.enumerated() {
                walk(value, line: value.mark?.line, prefix: "\(prefix)[\(index)]", into: &lines)
            }
        default:
            break
        }
    }
}
