public import MarketSync
internal import Synchronization

/// A `FileDropLedger` in memory: for tests and one-off runs. What it records is gone when the process ends, so a
/// long-lived inbox needs the store-backed ledger (a file archived before a restart is never seen again anyway; one
/// a crash left in the outbox would be handed out once more).
public final class InMemoryFileDropLedger: FileDropLedger {
    private struct Key: Hashable {
        var channel: ChannelID
        var sha256: String
    }

    private let entries = Mutex<[Key: FileDropLedgerEntry]>([:])

    /// An empty ledger.
    public init() {}

    /// The entry recorded for the digest on the channel.
    public func entry(for sha256: String, channel: ChannelID) async throws -> FileDropLedgerEntry? {
        entries.withLock { $0[Key(channel: channel, sha256: sha256)] }
    }

    /// Records the entry unless the digest is already recorded on the channel.
    public func record(_ entry: FileDropLedgerEntry, channel: ChannelID) async throws {
        entries.withLock { entries in
            let key = Key(channel: channel, sha256: entry.sha256)
            if entries[key] == nil { entries[key] = entry }
        }
    }

    /// Every entry, for tests and reports.
    public var all: [FileDropLedgerEntry] {
        entries.withLock { Array($0.values) }
    }
}
