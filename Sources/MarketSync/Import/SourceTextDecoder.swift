#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Turns a source's bytes into text in the encoding its config names: UTF-8 is validated in Swift, Windows-1251
/// and GB18030 go through the C library's `iconv` (Foundation on Linux has no reliable GB18030 decoder).
///
/// One decoder serves one file read, field by field, so a row with a bad byte is rejected alone. It owns an
/// iconv handle, so it is a class used by one reader at a time, never shared.
final class SourceTextDecoder {
    /// The first byte that cannot be decoded: its offset in the bytes given, and its value.
    struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The offset of the first undecodable byte within the bytes given (a field, or the whole file for JSON).
        public var offset: Int
        /// That byte; nil when the bytes end in the middle of a character.
        public var byte: UInt8?
        /// `byte 3 (0xC3)`, or `byte 5 (a character cut short at the end)`.
        public var description: String {
            let hex = byte.map { String($0, radix: 16, uppercase: true) }.map { $0.count == 1 ? "0x0\($0)" : "0x\($0)" }
            return "byte \(offset)" + (hex.map { " (\($0))" } ?? " (a character cut short at the end)")
        }
    }

    /// The encoding it decodes.
    public let encoding: SourceEncoding
    private let handle: iconv_t?

    /// A decoder for `encoding`; nil when the C library has no converter for it (the reader reports that).
    public init?(_ encoding: SourceEncoding) {
        self.encoding = encoding
        if encoding == .utf8 {
            handle = nil
            return
        }
        let opened = iconv_open("UTF-8", encoding.iconvName)
        // iconv_open reports failure as (iconv_t)-1.
        guard let opened, Int(bitPattern: opened) != -1 else { return nil }
        handle = opened
    }

    deinit {
        if let handle { iconv_close(handle) }
    }

    /// The text of `bytes`, or where the first undecodable byte is.
    public func decode(_ bytes: [UInt8]) -> Result<String, Failure> {
        guard let handle else {
            if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
            return .failure(Self.firstInvalidUTF8(bytes))
        }
        if bytes.isEmpty { return .success("") }
        // Start from the initial shift state: the last call may have stopped mid-character.
        _ = iconv(handle, nil, nil, nil, nil)
        var input = bytes
        // A Windows-1251 byte is at most 3 UTF-8 bytes (€), a GB18030 sequence never more than its own length + 2.
        var output = [UInt8](repeating: 0, count: bytes.count * 3 + 4)
        let (consumed, produced, failed) = input.withUnsafeMutableBytes { inputBytes in
            output.withUnsafeMutableBytes { outputBytes -> (Int, Int, Bool) in
                guard let inputBase = inputBytes.baseAddress, let outputBase = outputBytes.baseAddress else { return (0, 0, true) }
                var inPointer: UnsafeMutablePointer<CChar>? = inputBase.assumingMemoryBound(to: CChar.self)
                var inLeft = inputBytes.count
                var outPointer: UnsafeMutablePointer<CChar>? = outputBase.assumingMemoryBound(to: CChar.self)
                var outLeft = outputBytes.count
                var failed = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft) == size_t.max
                if !failed { failed = iconv(handle, nil, nil, &outPointer, &outLeft) == size_t.max }
                return (inputBytes.count - inLeft, outputBytes.count - outLeft, failed || inLeft > 0)
            }
        }
        if failed {
            return .failure(Failure(offset: consumed, byte: consumed < bytes.count ? bytes[consumed] : nil))
        }
        return .success(String(decoding: output[..<produced], as: UTF8.self))
    }

    /// Where UTF-8 decoding first fails: the offset of the first byte of the first bad sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Failure {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while case let .scalarValue(scalar) = decoder.decode(&iterator) {
            offset += UTF8.width(scalar)
        }
        return Failure(offset: offset, byte: offset < bytes.count ? bytes[offset] : nil)
    }
}
