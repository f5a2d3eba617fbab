/// An X12 interchange ready to deliver, with the control numbers it used (to match a 997 or `TA1` later).
public struct X12OutgoingInterchange: Hashable, Sendable {
    /// The file's bytes (ASCII).
    public var bytes: [UInt8]
    /// The header written (`controlNumber` is `ISA13`).
    public var header: X12InterchangeHeader
    /// The groups written, with their control numbers and their sets'.
    public var groups: [X12FunctionalGroup]

    /// An interchange of these parts.
    public init(bytes: [UInt8], header: X12InterchangeHeader, groups: [X12FunctionalGroup]) {
        self.bytes = bytes
        self.header = header
        self.groups = groups
    }
}
