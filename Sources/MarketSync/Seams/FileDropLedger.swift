/// What became of every partner file already dealt with, by the SHA-256 of its contents: the memory that keeps a
/// file from being processed twice (the partner sends it again, or a crash left it in the outbox after its
/// contents were stored). The inbound ledger of a `FileDropInbox`.
///
/// Contract: `record` is durable once it returns; recording the same digest again keeps the first entry. Scoped
/// by channel, so two partners sending the same bytes do not shadow each other.
public protocol FileDropLedger: Sendable {
    /// The entry recorded for `sha256` (lowercase hex) on `channel`, or nil.
    func entry(for sha256: String, channel: ChannelID) async throws -> FileDropLedgerEntry?
    /// Records what became of a file; a digest already recorded keeps its first entry.
    func record(_ entry: FileDropLedgerEntry, channel: ChannelID) async throws
}
