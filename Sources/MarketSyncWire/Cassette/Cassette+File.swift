public import Foundation
internal import MarketSync

// The file format: one JSON object `{"version": 1, "channel": …, "signingSecret": …, "interactions": […]}`
// with keys sorted, two-space indentation, `[name, value]` pairs on one line and a final newline, so the
// same cassette always gives the same bytes and a re-recording shows up as a small diff.
extension Cassette {
    /// Reads a cassette file. A broken file throws `MarketSyncError` `.cassette` naming the file, and the
    /// line when it can be found.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw MarketSyncError(.cassette, "cannot read the cassette: \(error.localizedDescription)", file: url.path)
        }
        try self.init(jsonData: data, file: url.path)
    }

    /// Reads a cassette file; the same as `Cassette(contentsOf:)`.
    public static func load(from url: URL) throws -> Cassette {
        try Cassette(contentsOf: url)
    }

    /// Decodes a cassette from its JSON; `file` names it in errors.
    public init(jsonData data: Data, file: String? = nil) throws {
        do {
            self = try JSONDecoder().decode(Cassette.self, from: data)
        } catch let error as DecodingError {
            throw Self.describe(error, data: data, file: file)
        } catch {
            throw MarketSyncError(.cassette, "not a valid cassette: \(error)", file: file)
        }
        guard version == Self.currentVersion else {
            throw MarketSyncError(.cassette, "unsupported cassette version \(version) (expected \(Self.currentVersion))",
                                  file: file, line: Self.line(of: "\"version\"", in: data))
        }
    }

    /// The cassette as the bytes of its file.
    func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let tree = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(self))
        return Data(CassetteJSONWriter.write(tree).utf8)
    }

    /// Writes the cassette file atomically.
    public func write(to url: URL) throws {
        do {
            try jsonData().write(to: url, options: .atomic)
        } catch {
            throw MarketSyncError(.cassette, "cannot write the cassette: \(error.localizedDescription)", file: url.path)
        }
    }

    private static func describe(_ error: DecodingError, data: Data, file: String?) -> MarketSyncError {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return MarketSyncError(.cassette, "not valid JSON: \(syntaxProblem(in: data) ?? context.debugDescription)",
                                   file: file, line: syntaxErrorLine(in: data), underlying: error)
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            return MarketSyncError(.cassette, "\(path(context.codingPath)): \(context.debugDescription)",
                                   file: file, line: line(of: context.codingPath.last, in: data), underlying: error)
        case .keyNotFound(let key, let context):
            let at = context.codingPath.isEmpty ? "the top level" : path(context.codingPath)
            return MarketSyncError(.cassette, "\(at): missing \"\(key.stringValue)\"", file: file, underlying: error)
        @unknown default:
            return MarketSyncError(.cassette, "not a valid cassette: \(error)", file: file, underlying: error)
        }
    }

    /// `interactions[2].request.method`
    private static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "the top level" : text
    }

    /// JSONSerialization names the byte offset of a syntax error ("around character 22"); turn it into a line.
    private static func syntaxErrorLine(in data: Data) -> Int? {
        guard let problem = syntaxProblem(in: data),
              let range = problem.range(of: "character ") else { return nil }
        let digits = problem[range.upperBound...].prefix { $0.isNumber }
        guard let offset = Int(digits) else { return nil }
        return 1 + data.prefix(offset).reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }

    private static func syntaxProblem(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            return (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        }
    }

    /// The line of the first occurrence of a key: a best guess, given only when the key occurs once.
    private static func line(of key: (any CodingKey)?, in data: Data) -> Int? {
        guard let key, key.intValue == nil else { return nil }
        return line(of: "\"\(key.stringValue)\"", in: data)
    }

    private static func line(of needle: String, in data: Data) -> Int? {
        let text = String(decoding: data, as: UTF8.self)
        let parts = text.components(separatedBy: needle)
        guard parts.count == 2, let before = parts.first else { return nil }
        return 1 + before.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }
}
