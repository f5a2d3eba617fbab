public import MarketSync

/// A `ControlNumberSource` kept in memory, for tests and one-off runs: numbers count up from a first one per
/// partner and kind and are lost with the process (the adapter backs the protocol by the store).
public actor InMemoryControlNumberSource: ControlNumberSource {
    private struct Key: Hashable {
        var partner: ChannelID
        var kind: ControlNumberKind
    }

    private var last: [Key: Int] = [:]
    private let first: [ControlNumberKind: Int]
    private let limit: Int

    /// Numbers of each kind start at `first[kind]` (1 when not given) and stop at `limit` (X12 `ISA13` allows
    /// 999 999 999).
    public init(first: [ControlNumberKind: Int] = [:], limit: Int = 999_999_999) {
        self.first = first
        self.limit = limit
    }

    /// The next number of `kind` for `partner`; throws `edi_control` when `limit` is passed, never wraps.
    public func next(_ kind: ControlNumberKind, for partner: ChannelID) throws -> Int {
        let key = Key(partner: partner, kind: kind)
        let value = last[key].map { $0 + 1 } ?? first[kind] ?? 1
        guard value <= limit else {
            throw MarketSyncError(.ediControl, "\(kind.rawValue) control numbers for this partner are used up (limit \(limit))",
                                  channel: partner, key: kind.rawValue)
        }
        last[key] = value
        return value
    }
}
