public import Foundation
public import MarketSync

/// A file made for a partner, ready to deliver: its name, its bytes, and what was left out of it.
public struct ComposedFile: Sendable {
    /// The name it is delivered under (`INVRPT_000000042.edi`, `WM_KC_20261127_0001.csv`).
    public var name: FileDropName
    /// Its bytes.
    public var contents: Data
    /// SKUs whose product name the file leaves out (the syntax or character set cannot carry it).
    public var omittedNames: [SKU]

    /// A file as made.
    public init(name: FileDropName, contents: Data, omittedNames: [SKU] = []) {
        self.name = name
        self.contents = contents
        self.omittedNames = omittedNames
    }
}
