import MarketSync

/// How a header cell is compared with a layout's header text: trimmed, a stray byte order mark dropped, ASCII letters
/// lower-cased (`Barcode` and `BARCODE ` match; `商品编码` matches only itself).
enum SheetHeaderMatch {
    static func normalized(_ text: String) -> String {
        var scalars = Substring(text.trimmingWhitespace()).unicodeScalars
        while scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var result = String.UnicodeScalarView()
        for scalar in scalars {
            result.append(scalar.isASCII ? Unicode.Scalar(UInt8(ascii: scalar).lowercasedASCII) : scalar)
        }
        return String(result).trimmingWhitespace()
    }
}

private extension UInt8 {
    var lowercasedASCII: UInt8 { (65...90).contains(self) ? self + 32 : self }
}
