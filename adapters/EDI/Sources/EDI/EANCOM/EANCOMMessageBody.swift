/// A message built for a partner, before it has a reference: its type and the segments between `UNH` and `UNT`.
/// `EANCOMInterchangeComposer` gives it a reference and the partner's subset code and wraps it in an envelope.
public struct EANCOMMessageBody: Hashable, Sendable {
    /// What the message is.
    public var type: EANCOMMessageType
    /// The segments between `UNH` and `UNT`.
    public var segments: [EDISegment]

    /// A body of `type` with these segments.
    public init(type: EANCOMMessageType, segments: [EDISegment]) {
        self.type = type
        self.segments = segments
    }
}
