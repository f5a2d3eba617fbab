/// A GS1 trade item number (GTIN-8, GTIN-12, GTIN-13 or GTIN-14) whose mod-10 check digit has been verified.
public struct GTIN: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 8, 12, 13 or 14 ASCII digits as given, leading zeros kept.
    public let digits: String

    /// Why a string is not a valid GTIN.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// The text is empty or holds something other than the digits 0–9.
        case notDigits
        /// The number of digits (given) is not 8, 12, 13 or 14.
        case badLength(Int)
        /// The last digit is not the GS1 mod-10 check digit of the others.
        case badCheckDigit(expected: Int, found: Int)

        /// The reason, worded for a rejected catalog row.
        public var description: String {
            switch self {
            case .notDigits: "GTIN must contain digits only"
            case let .badLength(length): "GTIN must have 8, 12, 13 or 14 digits, not \(length)"
            case let .badCheckDigit(expected, found): "GTIN check digit is \(found), expected \(expected)"
            }
        }
    }

    /// Validates `text` and returns the GTIN, or throws the `Problem` found.
    public init(validating text: String) throws(Problem) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { throw .notDigits }
        guard [8, 12, 13, 14].contains(bytes.count) else { throw .badLength(bytes.count) }
        let values = bytes.map { Int($0) - 48 }
        let expected = GTIN.checkDigit(forPayload: values.dropLast())
        let found = values[values.count - 1]
        guard expected == found else { throw .badCheckDigit(expected: expected, found: found) }
        digits = text
    }

    /// The GS1 mod-10 check digit for the digits before it.
    static func checkDigit(forPayload payload: some Collection<Int>) -> Int {
        // Weights alternate 3,1,3,... starting from the rightmost payload digit.
        var sum = 0
        for (offset, digit) in payload.reversed().enumerated() {
            sum += digit * (offset % 2 == 0 ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }

    /// The digits.
    public var description: String { digits }

    /// Decodes a string and validates it; an invalid GTIN throws `DecodingError.dataCorrupted` with the `Problem`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(validating: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Encodes the digits as a string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
