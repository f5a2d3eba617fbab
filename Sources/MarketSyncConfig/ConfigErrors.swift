public import MarketSync

/// Every problem found in a config at once. Commands throw it as one `MarketSyncError(.config)` (exit 2) whose
/// message lists the problems one per line, each as `file:line: key.path: message`.
public struct ConfigErrors: Error, Sendable {
    /// In file and line order.
    public var errors: [MarketSyncError]

    /// The problems sorted by file, then line (those without a line last), otherwise in the order given.
    public init(_ errors: [MarketSyncError]) {
        self.errors = errors.enumerated().sorted { a, b in
            let left = (a.element.file ?? "", a.element.line ?? Int.max, a.offset)
            let right = (b.element.file ?? "", b.element.line ?? Int.max, b.offset)
            return left < right
        }.map(\.element)
    }

    /// One error for all of them, or nil when there are none: a single problem is itself (its code, file, line
    /// and key intact); several become a `.config` error listing each on its own line, carrying them in
    /// `underlying`.
    public var combined: MarketSyncError? {
        guard let first = errors.first else { return nil }
        if errors.count == 1 { return first }
        let list = errors.map(\.description).joined(separator: "\n")
        return MarketSyncError(.config, "\(errors.count) errors in the configuration:\n\(list)", underlying: self)
    }

    /// Throws ``combined`` when there is any problem.
    public func throwIfAny() throws(MarketSyncError) {
        if let combined { throw combined }
    }
}
