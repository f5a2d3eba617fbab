import MarketSync

/// The delimiters of an X12 interchange. The sender chooses them and announces them in `ISA` (the element
/// separator is the character after `ISA`, the component separator is `ISA16`, the segment terminator follows
/// it), so a reader takes them from what comes in and a writer from the partner's profile. X12 has no release
/// character: data can never hold a delimiter, and the writer refuses a value that does.
public struct X12Separators: Hashable, Sendable {
    /// Separates elements (`*`).
    public let element: Character
    /// Separates the components of a composite element (`>`), written as `ISA16`.
    public let component: Character
    /// Ends a segment (`~`, or a line break).
    public let segmentTerminator: Character
    /// Whether the writer puts a line break after each terminator (a reading aid many partners accept; never
    /// when the terminator is itself a line break).
    public let lineBreakAfterSegment: Bool

    let elementByte: UInt8
    let componentByte: UInt8
    let terminatorByte: UInt8

    /// `*`, `>` and `~`, no line breaks.
    public static let standard = X12Separators(checked: UInt8(ascii: "*"), UInt8(ascii: ">"), UInt8(ascii: "~"), false)

    /// Delimiters as given; throws `edi_syntax` unless each is one ASCII character that is not a letter, a digit
    /// or a space, all three differ, and only the terminator is a line break.
    public init(element: Character = "*", component: Character = ">", segmentTerminator: Character = "~",
                lineBreakAfterSegment: Bool = false) throws {
        func byte(_ character: Character, _ role: String, lineBreakAllowed: Bool) throws -> UInt8 {
            guard let value = character.asciiValue, value != 0x20, !character.isLetter, !character.isNumber,
                  lineBreakAllowed || (value != 0x0A && value != 0x0D) else {
                throw MarketSyncError(.ediSyntax, "the X12 \(role) must be one ASCII character other than a letter, a digit or a space",
                                      key: "ISA")
            }
            return value
        }
        let bytes = [try byte(element, "element separator", lineBreakAllowed: false),
                     try byte(component, "component separator", lineBreakAllowed: false),
                     try byte(segmentTerminator, "segment terminator", lineBreakAllowed: true)]
        guard Set(bytes).count == 3 else {
            throw MarketSyncError(.ediSyntax, "the X12 element separator, component separator and terminator must differ", key: "ISA")
        }
        self.init(checked: bytes[0], bytes[1], bytes[2], lineBreakAfterSegment && bytes[2] != 0x0A && bytes[2] != 0x0D)
    }

    private init(checked element: UInt8, _ component: UInt8, _ terminator: UInt8, _ lineBreak: Bool) {
        elementByte = element
        componentByte = component
        terminatorByte = terminator
        self.element = Character(Unicode.Scalar(element))
        self.component = Character(Unicode.Scalar(component))
        segmentTerminator = Character(Unicode.Scalar(terminator))
        lineBreakAfterSegment = lineBreak
    }

    /// Whether `character` is one of the three delimiters.
    func isDelimiter(_ character: Character) -> Bool {
        character == element || character == component || character == segmentTerminator
    }
}
