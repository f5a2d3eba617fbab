public import MarketSync

/// A `ControlNumberSource` kept in memory, for tests and one-off runs: numbers count up from `start` per
/// partner and kind and are lost with the process (the adapter backs the protocol by the store).
public actor InMemoryControlNumberSource: ControlNumberSource {
    private struct Key: Hashable {
        var partner: ChannelID
        var kind: ControlNumberKind
    }

    private var last: [Key: Int] = [:]
    private let start: Int
    private let limit: Int

    /// Numbers start at `start` and stop at `limit` (X12 `ISA13` allows 999 999 999).
    public init(start: Int = 1, limit: Int = 999_999_999) {
        self.start = start
        self.limit = limit
    }

    /// The next number of `kind` for `partner`; throws `edi_control` when `limit` is passed, never wraps.
    public func next(_ kind: ControlNumberKind, for partner: ChannelID) throws -> Int {
        let key = Key(partner: partner, kind: kind)
        let value = last[key].map { $0 + 1 } ?? start
        guard value <= limit else {
            throw MarketSyncError(.ediControl, "\(kind.rawValue) control numbers for this partner are used up (limit \(limit))",
                                  channel: partner, key: kind.rawValue)
        }
        last[key] = value
        return value
    }
}
