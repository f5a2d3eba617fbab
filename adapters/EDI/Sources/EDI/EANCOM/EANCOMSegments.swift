import MarketSync

/// The segments EANCOM messages share, built the one way every builder writes them.
enum EANCOMSegments {
    /// `BGM+<document code>+<number>+<function>`; the number must have 1 to 35 characters.
    static func beginning(_ code: String, number: String, function: String) throws -> EDISegment {
        guard !number.isEmpty, number.count <= 35 else {
            throw MarketSyncError(.validation, "a document number must have 1 to 35 characters, not \(number.count)", key: "BGM02")
        }
        return EDISegment("BGM", [code], [number], [function])
    }

    /// `DTM+<qualifier>:<CCYYMMDD>:102`.
    static func date(_ qualifier: String, _ text: String) -> EDISegment {
        EDISegment("DTM", [qualifier, text, "102"])
    }

    /// `NAD+<role>+<GLN>::9` (code list agency 9 = GS1).
    static func party(_ role: String, _ gln: GLN) -> EDISegment {
        EDISegment("NAD", [role], [gln.digits, "", "9"])
    }

    /// `LIN+<line>+<action>+<GTIN>:<EN|UP>`: a 12-digit GTIN is a UPC (`UP`), the others EAN/GTIN numbers (`EN`).
    static func line(_ number: Int, action: String = "", gtin: GTIN) -> EDISegment {
        EDISegment("LIN", [String(number)], [action], [gtin.digits, gtin.digits.count == 12 ? "UP" : "EN"])
    }

    /// `PIA+1+<SKU>:SA`: our article number (supplier's article number); at most 35 characters.
    static func supplierArticle(_ sku: SKU) throws -> EDISegment {
        guard !sku.rawValue.isEmpty, sku.rawValue.count <= 35 else {
            throw MarketSyncError(.validation, "a SKU sent in PIA must have 1 to 35 characters", sku: sku, key: "PIA02")
        }
        return EDISegment("PIA", ["1"], [sku.rawValue, "SA"])
    }
}
