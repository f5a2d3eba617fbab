/// One message of an interchange: its reference and identifier (`UNH`) and the segments between `UNH` and
/// `UNT`, exclusive; the writer adds `UNH` and `UNT` (with the count) around them.
public struct EDIFACTMessage: Hashable, Sendable {
    /// The message reference number (`0062`), repeated in `UNT`.
    public var reference: String
    /// What the message is.
    public var identifier: EDIFACTMessageIdentifier
    /// The segments between `UNH` and `UNT`.
    public var segments: [EDISegment]
    /// The number of its `UNH` within the interchange it was read from (0 for a message built here): segment
    /// `i` (0-based) of `segments` is segment `firstSegmentNumber + 1 + i`. Not part of equality.
    public var firstSegmentNumber: Int

    /// A message with these segments.
    public init(reference: String, identifier: EDIFACTMessageIdentifier, segments: [EDISegment], firstSegmentNumber: Int = 0) {
        self.reference = reference
        self.identifier = identifier
        self.segments = segments
        self.firstSegmentNumber = firstSegmentNumber
    }

    /// The number within the interchange of `segments[index]`, or nil for a message not read from one.
    public func segmentNumber(at index: Int) -> Int? {
        firstSegmentNumber > 0 ? firstSegmentNumber + 1 + index : nil
    }

    /// Equal reference, identifier and segments; where the message was read from does not count.
    public static func == (lhs: EDIFACTMessage, rhs: EDIFACTMessage) -> Bool {
        lhs.reference == rhs.reference && lhs.identifier == rhs.identifier && lhs.segments == rhs.segments
    }

    /// Hashes what equality compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(reference)
        hasher.combine(identifier)
        hasher.combine(segments)
    }
}
