import MarketSync

/// The six characters of an EDIFACT `UNA` service string advice: component and element separators, decimal
/// mark, release character, the repetition separator (syntax version 4; a reserved space before it) and the
/// segment terminator. The defaults are `UNA:+.? '`.
public struct EDIFACTServiceCharacters: Hashable, Sendable {
    /// Separates the components of a composite element (`:`).
    public let component: Character
    /// Separates data elements (`+`).
    public let element: Character
    /// The decimal mark numbers are written with (`.` or `,`).
    public let decimalMark: Character
    /// Escapes a service character inside data (`?`); nil when the interchange uses none (a space in `UNA`).
    public let release: Character?
    /// Separates repeated elements (syntax version 4), or nil (a space in `UNA`). The codecs never split on it,
    /// but a writer escapes it in data so a reader that does split reads the value whole.
    public let repetition: Character?
    /// Ends a segment (`'`).
    public let segmentTerminator: Character

    let componentByte: UInt8
    let elementByte: UInt8
    let releaseByte: UInt8?
    let repetitionByte: UInt8?
    let terminatorByte: UInt8

    /// `UNA:+.? '`.
    public static let standard = EDIFACTServiceCharacters(checked: UInt8(ascii: ":"), UInt8(ascii: "+"), UInt8(ascii: "."),
                                                          UInt8(ascii: "?"), nil, UInt8(ascii: "'"))

    /// Service characters as given; throws `edi_syntax` unless every one is a single ASCII character that is
    /// not a letter, a digit or a space, the separators, release and terminator are all different, and the
    /// decimal mark is `.` or `,`.
    public init(component: Character = ":", element: Character = "+", decimalMark: Character = ".",
                release: Character? = "?", repetition: Character? = nil, segmentTerminator: Character = "'") throws {
        func byte(_ character: Character, _ role: String) throws -> UInt8 {
            guard let value = character.asciiValue, value != 0x20, !character.isLetter, !character.isNumber else {
                throw MarketSyncError(.ediSyntax, "the \(role) must be one ASCII character other than a letter, a digit or a space",
                                      key: "UNA")
            }
            return value
        }
        let bytes = [try byte(component, "component separator"), try byte(element, "element separator"),
                     try byte(segmentTerminator, "segment terminator")]
            + (try release.map { [try byte($0, "release character")] } ?? [])
            + (try repetition.map { [try byte($0, "repetition separator")] } ?? [])
        guard Set(bytes).count == bytes.count else {
            throw MarketSyncError(.ediSyntax, "the separators, release character and terminator must all differ", key: "UNA")
        }
        guard decimalMark == "." || decimalMark == "," else {
            throw MarketSyncError(.ediSyntax, "the decimal mark must be '.' or ','", key: "UNA")
        }
        self.init(checked: bytes[0], bytes[1], decimalMark == "," ? UInt8(ascii: ",") : UInt8(ascii: "."),
                  release.map { _ in bytes[3] }, repetition.map { _ in bytes[bytes.count - 1] }, bytes[2])
    }

    private init(checked component: UInt8, _ element: UInt8, _ decimal: UInt8, _ release: UInt8?, _ repetition: UInt8?,
                 _ terminator: UInt8) {
        componentByte = component
        elementByte = element
        releaseByte = release
        repetitionByte = repetition
        terminatorByte = terminator
        self.component = Character(Unicode.Scalar(component))
        self.element = Character(Unicode.Scalar(element))
        decimalMark = Character(Unicode.Scalar(decimal))
        self.release = release.map { Character(Unicode.Scalar($0)) }
        self.repetition = repetition.map { Character(Unicode.Scalar($0)) }
        segmentTerminator = Character(Unicode.Scalar(terminator))
    }

    /// The service string advice that announces these characters: `UNA:+.? '`.
    public var serviceStringAdvice: String {
        "UNA\(component)\(element)\(decimalMark)\(release ?? " ")\(repetition ?? " ")\(segmentTerminator)"
    }

    /// The characters a `UNA` of 9 bytes announces; throws `edi_syntax` (segment 0, `UNA`) when they are not
    /// usable.
    static func reading(una bytes: [UInt8]) throws -> EDIFACTServiceCharacters {
        func character(_ byte: UInt8) -> Character { Character(Unicode.Scalar(byte)) }
        let space = UInt8(ascii: " ")
        do {
            return try EDIFACTServiceCharacters(component: character(bytes[3]), element: character(bytes[4]),
                                                decimalMark: character(bytes[5]),
                                                release: bytes[6] == space ? nil : character(bytes[6]),
                                                repetition: bytes[7] == space ? nil : character(bytes[7]),
                                                segmentTerminator: character(bytes[8]))
        } catch let error as MarketSyncError {
            throw MarketSyncError(.ediSyntax, "UNA: \(error.message)", line: nil, key: "UNA")
        }
    }

    /// Whether `byte` has a meaning of its own in this syntax (and so must be released inside data).
    func isServiceByte(_ byte: UInt8) -> Bool {
        byte == componentByte || byte == elementByte || byte == terminatorByte || byte == releaseByte || byte == repetitionByte
    }
}
