/// A transaction set as the reader hands it over, with the header of the group it came in.
public struct X12ReadTransactionSet: Hashable, Sendable {
    /// The group's `GS`.
    public var group: X12FunctionalGroupHeader
    /// The set.
    public var set: X12TransactionSet

    /// A set read in `group`.
    public init(group: X12FunctionalGroupHeader, set: X12TransactionSet) {
        self.group = group
        self.set = set
    }
}
