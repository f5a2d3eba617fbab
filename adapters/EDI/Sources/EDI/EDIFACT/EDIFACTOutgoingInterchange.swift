/// An interchange ready to deliver, with the control references it used (so an acknowledgement can be matched
/// to it later).
public struct EDIFACTOutgoingInterchange: Hashable, Sendable {
    /// The file's bytes, in the header's character set.
    public var bytes: [UInt8]
    /// The header written (its `reference` is the interchange control reference).
    public var header: EDIFACTInterchangeHeader
    /// The messages written, with their references.
    public var messages: [EDIFACTMessage]

    /// An interchange of these parts.
    public init(bytes: [UInt8], header: EDIFACTInterchangeHeader, messages: [EDIFACTMessage]) {
        self.bytes = bytes
        self.header = header
        self.messages = messages
    }
}
