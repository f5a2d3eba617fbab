/// A fresh, empty store for one check of the conformance suite, made by the suite's factory.
public struct StoreUnderTest: Sendable {
    /// The store; the suite asks it for each role it checks (`StoreRole.isTaken(by:)`).
    public var store: any Sendable
    /// A second handle on the same data (another connection pool or another open of the same file: a second
    /// process), for the checks that two processes racing must pass; nil when the store cannot open one.
    public var secondHandle: (any Sendable)?
    /// Closes the handles and removes what the store left behind (a temporary file, a schema).
    public var dispose: @Sendable () async -> Void

    /// A store under test; `secondHandle` and `dispose` default to none.
    public init(store: any Sendable, secondHandle: (any Sendable)? = nil, dispose: @escaping @Sendable () async -> Void = {}) {
        self.store = store
        self.secondHandle = secondHandle
        self.dispose = dispose
    }
}
