internal import Foundation

/// Refuses what a CommerceML file never needs and an attacker would use, before any XML parser sees the file: a
/// document type declaration (`<!DOCTYPE`), and with it entity declarations (`<!ENTITY`) and references to external
/// resources (`SYSTEM`, `PUBLIC`). All of them can only stand in the prolog, the part before the root element, so
/// only that part is read (as bytes: every encoding a 1C export uses is ASCII-compatible there).
///
/// An entity reference in the body (`&xxe;`) needs a declaration, so without a DTD the parser reports it as an
/// undeclared entity and the file is refused there.
struct XMLPrologGuard: Sendable {
    /// The most bytes read looking for the root element (a real prolog is a few hundred bytes).
    static let limit = 1 << 20

    /// Checks the file at `path`; throws `MarketSyncError(.source)` naming the file and line of what it refuses.
    func check(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw MarketSyncError(.source, "cannot open the file", file: path)
        }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        while bytes.count < Self.limit {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 64 * 1024) } catch {
                throw MarketSyncError(.source, "cannot read the file: \(CatalogReader.reason(error))", file: path)
            }
            guard let chunk, !chunk.isEmpty else { break }
            bytes += chunk
            if try scan(bytes, path: path, complete: false) { return }
        }
        try scan(bytes, path: path, complete: true)
    }

    /// Looks at the prolog in `bytes`: true once the root element starts (or what follows is not markup, which the
    /// parser reports), false when more bytes are needed; throws on what it refuses. With `complete`, the bytes are
    /// all there are (or all it reads).
    @discardableResult
    func scan(_ bytes: [UInt8], path: String, complete: Bool) throws -> Bool {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0, 0]) {
            throw MarketSyncError(.source, "UTF-16 and UTF-32 files are not read: export the file as UTF-8 or windows-1251",
                                  file: path, line: 1)
        }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        func skip(past terminator: [UInt8]) -> Bool {
            while index < bytes.count {
                if bytes[index...].starts(with: terminator) {
                    index += terminator.count
                    return true
                }
                if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                index += 1
            }
            return false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") { line += 1 }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "<") else { return true }  // not markup: the parser says what is wrong
            let rest = bytes[index...]
            if rest.count < 4 && !complete { return false }  // `<!--` may be cut at the end of the bytes read
            if rest.starts(with: Array("<?".utf8)) {
                guard skip(past: Array("?>".utf8)) else { break }
            } else if rest.starts(with: Array("<!--".utf8)) {
                guard skip(past: Array("-->".utf8)) else { break }
            } else if rest.starts(with: Array("<!".utf8)) {
                throw refusal(bytes, from: index, line: line, path: path)
            } else {
                return true  // the root element
            }
        }
        if complete && bytes.count >= Self.limit {
            throw MarketSyncError(.source, "no root element in the first \(Self.limit / 1024) KiB", file: path, line: line)
        }
        return complete
    }

    /// The error for a declaration at `start` (`<!DOCTYPE …`, or a stray `<!ENTITY`), naming its most dangerous
    /// part on its own line: an external entity, then any entity, then the DTD itself.
    private func refusal(_ bytes: [UInt8], from start: Int, line: Int, path: String) -> MarketSyncError {
        let text = String(decoding: bytes[start..<min(bytes.count, start + 64 * 1024)], as: UTF8.self)
        // The declaration ends at its first `>`, or after its internal subset (`[ … ]>`).
        let head = text.prefix { $0 != "[" && $0 != ">" }
        var declaration = Substring(text)
        if text.dropFirst(head.count).first == "[", let close = text.range(of: "]") {
            declaration = text[..<close.upperBound]
        } else {
            declaration = head
        }
        var entity: (line: Int, external: Bool)?
        for (offset, row) in declaration.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where row.contains("<!ENTITY") {
            let external = row.contains("SYSTEM") || row.contains("PUBLIC")
            if entity == nil || external { entity = (line + offset, external) }
            if external { break }
        }
        let reason = "CommerceML files need no DTD or entities"
        if let entity {
            let what = entity.external ? "an external entity (<!ENTITY … SYSTEM or PUBLIC)" : "an entity declaration (<!ENTITY)"
            return MarketSyncError(.source, "\(what) is refused: \(reason)", file: path, line: entity.line)
        }
        let external = head.contains("SYSTEM") || head.contains("PUBLIC")
        let what = head.hasPrefix("<!DOCTYPE") ? "a document type declaration (<!DOCTYPE)" : "a declaration (\(head.prefix(12))…)"
        return MarketSyncError(.source, "\(what)\(external ? " with an external reference" : "") is refused: \(reason)",
                               file: path, line: line)
    }
}
