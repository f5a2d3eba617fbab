import MarketSync
import RetailFiles

extension ComposedFile {
    /// `<document>_<interchange number, nine digits>.<extension>`: the interchange number is never reused for the
    /// partner, so neither is the name.
    static func name(_ document: String, interchange: Int, extension suffix: String) throws -> FileDropName {
        let number = String(interchange)
        return try FileDropName("\(document)_\(String(repeating: "0", count: max(0, 9 - number.count)))\(number).\(suffix)")
    }
}
