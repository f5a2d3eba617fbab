/// The character repertoire an interchange declares in `UNB` (syntax identifier, `S001/0001`), and how its text
/// is turned into bytes and back.
public enum EDIFACTCharacterSet: String, Sendable, Hashable, CaseIterable {
    /// Level A: upper-case letters, digits, space and `. , - ( ) / = ' + : ? ! " % & * ; < >` (ISO 646 subset).
    case unoa = "UNOA"
    /// Level B: ISO 646 printable characters, lower case included.
    case unob = "UNOB"
    /// Level C: ISO 8859-1 (Latin-1): Western European letters, no Cyrillic, no Chinese.
    case unoc = "UNOC"
    /// Level W: UTF-8 (syntax version 4); carries Cyrillic and Chinese names.
    case unow = "UNOW"

    /// Whether every character of `text` belongs to this repertoire.
    public func canEncode(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(canEncode)
    }

    /// Whether `scalar` belongs to this repertoire. Control characters (line breaks, tabs) belong to none.
    public func canEncode(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch self {
        case .unoa:
            if (0x41...0x5A).contains(value) || (0x30...0x39).contains(value) { return true }
            return " .,-()/='+:?!\"%&*;<>".unicodeScalars.contains(scalar)
        case .unob: return (0x20...0x7E).contains(value)
        case .unoc: return (0x20...0x7E).contains(value) || (0xA0...0xFF).contains(value)
        case .unow: return value >= 0x20 && value != 0x7F && !(0x80...0x9F).contains(value)
        }
    }

    /// The bytes of `text` in this character set, or nil when some character does not belong to it.
    public func encode(_ text: String) -> [UInt8]? {
        guard canEncode(text) else { return nil }
        switch self {
        case .unow: return Array(text.utf8)
        case .unoa, .unob, .unoc: return text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        }
    }

    /// The text of `bytes` read in this character set: Latin-1 for levels A to C (every byte is a character),
    /// UTF-8 for level W (nil when the bytes are not valid UTF-8).
    func decode(_ bytes: [UInt8]) -> String? {
        switch self {
        case .unow:
            return String(validating: bytes, as: UTF8.self)
        case .unoa, .unob, .unoc:
            var text = ""
            text.unicodeScalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
            return text
        }
    }
}
