public import MarketSync

/// A GS1 Global Location Number: 13 digits whose last is the GS1 mod-10 check digit of the others. EANCOM names
/// every party (`UNB` sender and recipient, `NAD`) by one.
public struct GLN: Hashable, Sendable, CustomStringConvertible {
    /// The 13 digits.
    public let digits: String

    /// Validates `text`: 13 ASCII digits with a correct check digit (the same algorithm as a GTIN's).
    public init(validating text: String) throws(GTIN.Problem) {
        guard text.count == 13 else {
            guard text.allSatisfy({ $0.isASCII && $0.isNumber }), !text.isEmpty else { throw .notDigits }
            throw .badLength(text.count)
        }
        _ = try GTIN(validating: text)
        digits = text
    }

    /// The digits.
    public var description: String { digits }
}
