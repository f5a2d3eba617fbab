/// What `UNB` says about an interchange (and `UNZ` repeats the reference of).
public struct EDIFACTInterchangeHeader: Hashable, Sendable {
    /// The character repertoire (`S001/0001`: `UNOC`).
    public var characterSet: EDIFACTCharacterSet
    /// The syntax version (`S001/0002`: `3`, or `4` for `UNOW`).
    public var syntaxVersion: String
    /// Who sends the interchange (`S002`).
    public var sender: EDIFACTPartyIdentification
    /// Who it is for (`S003`).
    public var recipient: EDIFACTPartyIdentification
    /// The date of preparation (`S004/0017`): `YYMMDD` in syntax version 3, `CCYYMMDD` in version 4.
    public var date: String
    /// The time of preparation (`S004/0019`): `HHMM`.
    public var time: String
    /// The interchange control reference (`0020`), repeated in `UNZ`: never reused for one partner.
    public var reference: String
    /// The application reference (`0026`); EANCOM puts the message type there when every message is of one type.
    public var applicationReference: String?
    /// Whether the interchange is a test (`0035` = `1`).
    public var isTest: Bool

    /// A header with every field given.
    public init(characterSet: EDIFACTCharacterSet, syntaxVersion: String, sender: EDIFACTPartyIdentification,
                recipient: EDIFACTPartyIdentification, date: String, time: String, reference: String,
                applicationReference: String? = nil, isTest: Bool = false) {
        self.characterSet = characterSet
        self.syntaxVersion = syntaxVersion
        self.sender = sender
        self.recipient = recipient
        self.date = date
        self.time = time
        self.reference = reference
        self.applicationReference = applicationReference
        self.isTest = isTest
    }

    /// The `UNB` segment.
    var segment: EDISegment {
        var elements: [[String]] = [
            [characterSet.rawValue, syntaxVersion],
            [sender.id] + (sender.qualifier.map { [$0] } ?? []),
            [recipient.id] + (recipient.qualifier.map { [$0] } ?? []),
            [date, time],
            [reference],
        ]
        if applicationReference != nil || isTest {
            elements += [[], [applicationReference ?? ""]]
        }
        if isTest {
            elements += [[], [], [], ["1"]]
        }
        return EDISegment(tag: "UNB", elements: elements)
    }
}
