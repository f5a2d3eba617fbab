import Foundation
import MarketSync

/// A file made for a partner, ready to deliver: its name, its bytes, and what was left out of it.
struct ComposedFile: Sendable {
    /// The name it is delivered under (`INVRPT_000000042.edi`).
    var name: FileDropName
    /// Its bytes.
    var contents: Data
    /// SKUs whose product name the file leaves out (the syntax or character set cannot carry it).
    var omittedNames: [SKU] = []

    /// `<document>_<interchange number, nine digits>.<extension>`: the interchange number is never reused for the
    /// partner, so neither is the name.
    static func name(_ document: String, interchange: Int, extension suffix: String) throws -> FileDropName {
        let number = String(interchange)
        return try FileDropName("\(document)_\(String(repeating: "0", count: max(0, 9 - number.count)))\(number).\(suffix)")
    }
}
