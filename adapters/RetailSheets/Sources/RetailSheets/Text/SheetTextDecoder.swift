/// Turns one field's bytes into text in the encoding a sheet was found to be in, so a field with a bad byte is
/// reported alone (its row skipped) and the rest of the sheet is read.
final class SheetTextDecoder {
    /// Where the first byte that is not text in the encoding is.
    struct Failure: Error, Equatable {
        /// Its offset within the field.
        var offset: Int
        /// The byte, nil when the field ends in the middle of a character.
        var byte: UInt8?

        /// `byte 3 (0xC3)`.
        var description: String {
            guard let byte else { return "byte \(offset) (a character cut short at the end)" }
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte \(offset) (0x\(hex.count == 1 ? "0" : "")\(hex))"
        }
    }

    let encoding: SheetEncoding
    private let transcoder: SheetTranscoder?

    /// A decoder from `encoding`; nil when the C library has no converter for it.
    init?(_ encoding: SheetEncoding) {
        self.encoding = encoding
        if let name = encoding.iconvName {
            guard let transcoder = SheetTranscoder(from: name, to: "UTF-8") else { return nil }
            self.transcoder = transcoder
        } else {
            transcoder = nil
        }
    }

    /// The text of `bytes`, or where decoding fails.
    func decode(_ bytes: [UInt8]) -> Result<String, Failure> {
        guard let transcoder else {
            if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
            return .failure(Self.firstInvalidUTF8(bytes))
        }
        switch transcoder.convert(bytes) {
        case let .success(utf8): return .success(String(decoding: utf8, as: UTF8.self))
        case let .failure(failure):
            return .failure(Failure(offset: failure.offset, byte: failure.offset < bytes.count ? bytes[failure.offset] : nil))
        }
    }

    /// Which encoding a sheet's bytes are in: a UTF-8 byte order mark or valid UTF-8 says UTF-8; otherwise the
    /// layout's `fallback` when it is not UTF-8 (GB18030 for a Chinese chain); otherwise UTF-8, and each field
    /// that is not UTF-8 is reported with its row.
    static func detect(_ bytes: [UInt8], fallback: SheetEncoding) -> SheetEncoding {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8BOM }
        if String(validating: bytes, as: UTF8.self) != nil { return .utf8 }
        return fallback.isUTF8 ? .utf8 : fallback
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Failure {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while case let .scalarValue(scalar) = decoder.decode(&iterator) {
            offset += UTF8.width(scalar)
        }
        return Failure(offset: offset, byte: offset < bytes.count ? bytes[offset] : nil)
    }
}
