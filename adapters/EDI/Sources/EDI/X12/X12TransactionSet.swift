/// One transaction set: its identifier and control number (`ST`) and the segments between `ST` and `SE`,
/// exclusive; the writer adds `ST` and `SE` (with the count) around them.
public struct X12TransactionSet: Hashable, Sendable {
    /// `ST01`: `846`, `832`, `850`, `855`, `997`.
    public var identifier: String
    /// `ST02`: the control number, 4 to 9 characters, repeated in `SE02`.
    public var controlNumber: String
    /// The segments between `ST` and `SE`.
    public var segments: [EDISegment]
    /// The number of its `ST` within the interchange it was read from (0 for a set built here). Not part of
    /// equality.
    public var firstSegmentNumber: Int

    /// A set with these segments.
    public init(identifier: String, controlNumber: String, segments: [EDISegment], firstSegmentNumber: Int = 0) {
        self.identifier = identifier
        self.controlNumber = controlNumber
        self.segments = segments
        self.firstSegmentNumber = firstSegmentNumber
    }

    /// The number within the interchange of `segments[index]`, or nil for a set not read from one.
    public func segmentNumber(at index: Int) -> Int? {
        firstSegmentNumber > 0 ? firstSegmentNumber + 1 + index : nil
    }

    /// Equal identifier, control number and segments.
    public static func == (lhs: X12TransactionSet, rhs: X12TransactionSet) -> Bool {
        lhs.identifier == rhs.identifier && lhs.controlNumber == rhs.controlNumber && lhs.segments == rhs.segments
    }

    /// Hashes what equality compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(identifier)
        hasher.combine(controlNumber)
        hasher.combine(segments)
    }
}
