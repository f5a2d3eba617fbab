internal import Foundation
internal import MarketSync

/// Incremental HTTP/1.x request parser: bytes in, complete requests out, pipelining included.
///
/// A value type with no I/O so it can be tested byte by byte. Bodies are framed by `Content-Length`
/// or `Transfer-Encoding: chunked`; anything malformed is an `HTTPParseError` carrying the status to answer.
struct HTTPRequestParser {
    static let maxHeadBytes = 64 * 1024
    static let maxBodyBytes = 64 * 1024 * 1024

    private enum Framing: Equatable {
        case none
        case length(Int)
        case chunked
    }

    private struct Head {
        var method: String
        var target: String
        var minorVersion: Int
        var headers: [HeaderField]
        var framing: Framing
        var keepAlive: Bool
        var expectsContinue: Bool
    }

    private var buffer: [UInt8] = []
    /// Index of the first unconsumed byte in `buffer`.
    private var start = 0
    /// Where the search for the end of the head resumes, so a slow client is not rescanned from the start.
    private var scanFrom = 0
    /// A parsed head whose body has not fully arrived, and where that body starts.
    private var pending: (head: Head, bodyStart: Int)?
    private var continueSent = false

    init() {}

    /// Whether buffered bytes remain that belong to a request not yet complete.
    var hasPartialRequest: Bool { start < buffer.count || pending != nil }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            scanFrom = 0
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// True once per request when the client sent `Expect: 100-continue` and its body has not arrived yet.
    mutating func takeContinueRequest() -> Bool {
        guard let pending, pending.head.expectsContinue, !continueSent else { return false }
        continueSent = true
        return true
    }

    /// The next complete request, or nil when more bytes are needed.
    mutating func next() throws(HTTPParseError) -> ParsedHTTPRequest? {
        if pending == nil {
            guard let headEnd = findHeadEnd() else {
                if buffer.count - start > Self.maxHeadBytes {
                    throw HTTPParseError(status: 431, reason: "request head too large")
                }
                return nil
            }
            let head = try parseHead(buffer[start..<headEnd])
            pending = (head, headEnd + 4)
            continueSent = false
        }
        guard let (head, bodyStart) = pending else { return nil }
        var body: [UInt8] = []
        var end = bodyStart
        switch head.framing {
        case .none:
            break
        case .length(let length):
            guard buffer.count - bodyStart >= length else { return nil }
            body = Array(buffer[bodyStart..<bodyStart + length])
            end = bodyStart + length
        case .chunked:
            guard let (decoded, chunkedEnd) = try decodeChunked(from: bodyStart) else { return nil }
            body = decoded
            end = chunkedEnd
        }
        pending = nil
        consume(upTo: end)
        return ParsedHTTPRequest(method: head.method, target: head.target, minorVersion: head.minorVersion,
                                 headers: head.headers, body: body, keepAlive: head.keepAlive)
    }

    private mutating func consume(upTo end: Int) {
        start = end
        scanFrom = end
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
            scanFrom = 0
        } else if start > 64 * 1024 && start > buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            scanFrom -= start
            start = 0
        }
    }

    private mutating func findHeadEnd() -> Int? {
        let count = buffer.count
        // Tolerate blank lines before a request line (RFC 9112 §2.2).
        while start + 1 < count && buffer[start] == 13 && buffer[start + 1] == 10 {
            start += 2
            scanFrom = max(scanFrom, start)
        }
        guard count - start >= 4 else { return nil }
        let found: Int? = buffer.withUnsafeBufferPointer { bytes in
            var index = max(scanFrom, start)
            while index + 3 < count {
                if bytes[index + 3] != 10 {
                    index += bytes[index + 3] == 13 ? 1 : 4
                    continue
                }
                if bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 {
                    return index
                }
                index += 1
            }
            return nil
        }
        if found == nil { scanFrom = max(start, count - 3) }
        return found
    }

    private func parseHead(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> Head {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 13, index + 1 < bytes.endIndex, bytes[index + 1] == 10 {
                lines.append(bytes[lineStart..<index])
                index += 2
                lineStart = index
            } else {
                index += 1
            }
        }
        lines.append(bytes[lineStart..<bytes.endIndex])
        guard let requestLine = lines.first else { throw .badRequest("empty request") }
        let parts = requestLine.split(separator: 32, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { throw .badRequest("malformed request line") }
        let method = String(decoding: parts[0], as: UTF8.self)
        guard method.utf8.allSatisfy(Self.isTokenByte) else { throw .badRequest("malformed method") }
        let target = String(decoding: parts[1], as: UTF8.self)
        guard target.hasPrefix("/"), target.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw .badRequest("unsupported request target")
        }
        let minorVersion: Int
        switch String(decoding: parts[2], as: UTF8.self) {
        case "HTTP/1.1": minorVersion = 1
        case "HTTP/1.0": minorVersion = 0
        default: throw HTTPParseError(status: 505, reason: "unsupported HTTP version")
        }

        var headers: [HeaderField] = []
        headers.reserveCapacity(lines.count - 1)
        var contentLength: Int?
        var transferEncoding: String?
        var connectionTokens: [String] = []
        var expectsContinue = false
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: 58), colon > line.startIndex else {
                throw .badRequest("malformed header line")
            }
            let nameBytes = line[line.startIndex..<colon]
            guard nameBytes.allSatisfy(Self.isTokenByte) else { throw .badRequest("malformed header name") }
            var valueBytes = line[(colon + 1)...]
            while let first = valueBytes.first, first == 32 || first == 9 { valueBytes = valueBytes.dropFirst() }
            while let last = valueBytes.last, last == 32 || last == 9 { valueBytes = valueBytes.dropLast() }
            let name = String(decoding: nameBytes, as: UTF8.self)
            let value = String(decoding: valueBytes, as: UTF8.self)
            headers.append(HeaderField(name, value))
            switch name.lowercased() {
            case "content-length":
                guard !value.isEmpty, value.utf8.count <= 18, value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                      let length = Int(value) else { throw .badRequest("malformed Content-Length") }
                if let contentLength, contentLength != length { throw .badRequest("conflicting Content-Length") }
                contentLength = length
            case "transfer-encoding":
                transferEncoding = (transferEncoding.map { $0 + "," } ?? "") + value.lowercased()
            case "connection":
                connectionTokens += value.lowercased().split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
            case "expect":
                expectsContinue = value.lowercased() == "100-continue"
            default:
                break
            }
        }

        let framing: Framing
        if let transferEncoding {
            // RFC 9112 §6.1: chunked must be the final coding; a message with both framings is suspect.
            let codings = transferEncoding.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard codings.last == "chunked", contentLength == nil else {
                throw HTTPParseError(status: minorVersion == 1 ? 501 : 400, reason: "unsupported Transfer-Encoding")
            }
            guard codings.count == 1 else { throw HTTPParseError(status: 501, reason: "unsupported Transfer-Encoding") }
            framing = .chunked
        } else if let contentLength {
            guard contentLength <= Self.maxBodyBytes else { throw HTTPParseError(status: 413, reason: "body too large") }
            framing = contentLength == 0 ? .none : .length(contentLength)
        } else {
            framing = .none
        }
        let keepAlive = minorVersion == 1 ? !connectionTokens.contains("close") : connectionTokens.contains("keep-alive")
        return Head(method: method, target: target, minorVersion: minorVersion, headers: headers, framing: framing,
                    keepAlive: keepAlive, expectsContinue: expectsContinue && framing != .none)
    }

    /// Decodes a complete chunked body starting at `from`, or returns nil when it has not all arrived.
    private func decodeChunked(from: Int) throws(HTTPParseError) -> (body: [UInt8], end: Int)? {
        var body: [UInt8] = []
        var index = from
        while true {
            guard let lineEnd = findCRLF(from: index) else {
                if buffer.count - index > 1024 { throw .badRequest("malformed chunk size") }
                return nil
            }
            var sizeBytes = buffer[index..<lineEnd]
            if let semicolon = sizeBytes.firstIndex(of: 59) { sizeBytes = sizeBytes[..<semicolon] }
            while let last = sizeBytes.last, last == 32 || last == 9 { sizeBytes = sizeBytes.dropLast() }
            guard !sizeBytes.isEmpty, sizeBytes.count <= 8,
                  let size = Int(String(decoding: sizeBytes, as: UTF8.self), radix: 16) else {
                throw .badRequest("malformed chunk size")
            }
            index = lineEnd + 2
            if size == 0 {
                // Skip trailer fields up to the empty line.
                while true {
                    guard let trailerEnd = findCRLF(from: index) else {
                        if buffer.count - index > Self.maxHeadBytes { throw .badRequest("trailer too large") }
                        return nil
                    }
                    let empty = trailerEnd == index
                    index = trailerEnd + 2
                    if empty { return (body, index) }
                }
            }
            guard body.count + size <= Self.maxBodyBytes else { throw HTTPParseError(status: 413, reason: "body too large") }
            guard buffer.count - index >= size + 2 else { return nil }
            guard buffer[index + size] == 13, buffer[index + size + 1] == 10 else { throw .badRequest("malformed chunk") }
            body.append(contentsOf: buffer[index..<index + size])
            index += size + 2
        }
    }

    private func findCRLF(from: Int) -> Int? {
        var index = from
        while index + 1 < buffer.count {
            if buffer[index] == 13 && buffer[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
