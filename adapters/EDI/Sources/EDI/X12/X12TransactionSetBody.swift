/// A transaction set built for a partner, before it has a control number: its identifier and the segments
/// between `ST` and `SE`. `X12InterchangeComposer` numbers it and wraps it in `GS` and `ISA`.
public struct X12TransactionSetBody: Hashable, Sendable {
    /// `846`, `832`, `855`, `997`.
    public var identifier: String
    /// The segments between `ST` and `SE`.
    public var segments: [EDISegment]

    /// A body of set `identifier`.
    public init(identifier: String, segments: [EDISegment]) {
        self.identifier = identifier
        self.segments = segments
    }
}
