/// A functional group: `GS`, its transaction sets, `GE`.
public struct X12FunctionalGroup: Hashable, Sendable {
    /// What `GS` says.
    public var header: X12FunctionalGroupHeader
    /// The sets, in order.
    public var transactionSets: [X12TransactionSet]

    /// A group of `transactionSets`.
    public init(header: X12FunctionalGroupHeader, transactionSets: [X12TransactionSet]) {
        self.header = header
        self.transactionSets = transactionSets
    }
}
