/// Percent-encoding of path segments and query values the way Walmart's documents ask (docs/channels.md, "Every
/// call"): every byte but the unreserved `A–Z a–z 0–9 - . _ ~` is encoded, so `@` in a feed id becomes `%40`, a space
/// `%20` (never `+`), and `:/?#[]@!$&'()*+,;=` and `%` in a SKU are sent encoded.
package enum WalmartPercentEncoding {
    /// `text` with every byte outside the unreserved set written `%XX` (uppercase hex).
    package static func encode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%"
                out += hex(byte >> 4)
                out += hex(byte & 0x0F)
            }
        }
        return out
    }

    /// `name=value&…`, each part encoded.
    package static func query(_ items: [(String, String)]) -> String {
        items.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
    }

    private static func hex(_ nibble: UInt8) -> String {
        String(UnicodeScalar(nibble < 10 ? 0x30 + nibble : 0x37 + nibble))
    }
}
