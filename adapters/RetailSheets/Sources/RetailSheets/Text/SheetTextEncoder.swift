/// Turns text into a sheet's bytes, field by field, so a character the encoding cannot carry is found in the cell
/// it is in. Never lossy: no transliteration, no `?`.
final class SheetTextEncoder {
    /// The first character of a text the encoding has no code for.
    struct Failure: Error, Equatable {
        /// The character (`中`).
        var character: Character

        /// `"中" (U+4E2D)`.
        var description: String {
            let codes = character.unicodeScalars.map { scalar in
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
            return "\"\(character)\" (\(codes.joined(separator: " ")))"
        }
    }

    let encoding: SheetEncoding
    private let transcoder: SheetTranscoder?

    /// An encoder to `encoding`; nil when the C library has no converter for it.
    init?(_ encoding: SheetEncoding) {
        self.encoding = encoding
        if let name = encoding.iconvName {
            guard let transcoder = SheetTranscoder(from: "UTF-8", to: name) else { return nil }
            self.transcoder = transcoder
        } else {
            transcoder = nil
        }
    }

    /// The bytes of `text` (no byte order mark: the writer puts one at the start of a file).
    func encode(_ text: String) -> Result<[UInt8], Failure> {
        let utf8 = Array(text.utf8)
        guard let transcoder else { return .success(utf8) }
        switch transcoder.convert(utf8) {
        case let .success(bytes): return .success(bytes)
        case let .failure(failure):
            // The offset is in the UTF-8 bytes: find the character that starts there (or holds it).
            var offset = 0
            for character in text {
                let width = character.utf8.count
                if failure.offset < offset + width { return .failure(Failure(character: character)) }
                offset += width
            }
            return .failure(Failure(character: text.last ?? " "))
        }
    }
}
