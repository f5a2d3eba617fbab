/// An interchange read whole: the delimiters it was written with, its header and its groups, every count and
/// control number checked.
public struct X12Interchange: Hashable, Sendable {
    /// The delimiters `ISA` announced.
    public var separators: X12Separators
    /// What `ISA` said.
    public var header: X12InterchangeHeader
    /// The functional groups, in order.
    public var groups: [X12FunctionalGroup]

    /// An interchange of these parts.
    public init(separators: X12Separators, header: X12InterchangeHeader, groups: [X12FunctionalGroup]) {
        self.separators = separators
        self.header = header
        self.groups = groups
    }
}
