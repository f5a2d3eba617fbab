/// An interchange read whole: the service characters it was written with, its header and its messages, every
/// count and reference checked.
public struct EDIFACTInterchange: Hashable, Sendable {
    /// The separators, decimal mark and release character in force (from `UNA`, or the defaults).
    public var characters: EDIFACTServiceCharacters
    /// What `UNB` said.
    public var header: EDIFACTInterchangeHeader
    /// The messages in order (those in functional groups included).
    public var messages: [EDIFACTMessage]

    /// An interchange of these parts.
    public init(characters: EDIFACTServiceCharacters, header: EDIFACTInterchangeHeader, messages: [EDIFACTMessage]) {
        self.characters = characters
        self.header = header
        self.messages = messages
    }
}
