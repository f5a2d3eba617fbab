/// What the store conformance suite found.
public struct StoreConformanceReport: Sendable, Hashable {
    /// Each problem, prefixed with the role and the check (`outbox: versions supersede: …`); empty when the store
    /// holds to every contract it takes.
    public var problems: [String]
    /// The roles whose checks ran.
    public var checked: [StoreRole]
    /// The roles the store does not take: their checks did not run.
    public var notTaken: [StoreRole]
    /// How many checks ran.
    public var checksRun: Int

    /// A report; empty unless given.
    public init(problems: [String] = [], checked: [StoreRole] = [], notTaken: [StoreRole] = [], checksRun: Int = 0) {
        self.problems = problems
        self.checked = checked
        self.notTaken = notTaken
        self.checksRun = checksRun
    }
}
