public import Foundation

/// What became of every partner file already dealt with, by the SHA-256 of its contents: the memory that keeps a
/// file from being processed twice (the partner sends it again, or a crash left it in the outbox after its
/// contents were stored). The inbound ledger of a `FileDropInbox`.
///
/// Contract: `record` is durable once it returns; recording the same digest again keeps the first entry. Scoped
/// by channel, so two partners sending the same bytes do not shadow each other. `noteReceived` and `noteMoved`
/// only tell the ledger where a file stands for people who look (received, archived, quarantined); they never change
/// what `entry` answers: a file received but not yet recorded is handed out again by the next poll.
public protocol FileDropLedger: Sendable {
    /// The entry recorded for `sha256` (lowercase hex) on `channel`, or nil.
    func entry(for sha256: String, channel: ChannelID) async throws -> FileDropLedgerEntry?
    /// Records what became of a file; a digest already recorded keeps its first entry.
    func record(_ entry: FileDropLedgerEntry, channel: ChannelID) async throws
    /// A new file was read from the outbox and handed out; nothing is decided about it yet.
    func noteReceived(sha256: String, name: String, channel: ChannelID, at date: Date) async throws
    /// The file recorded under `sha256` was moved into `folder` (the archive or the quarantine).
    func noteMoved(sha256: String, channel: ChannelID, to folder: FileDropFolder, at date: Date) async throws
}

extension FileDropLedger {
    /// A ledger that keeps outcomes only does not track received files.
    public func noteReceived(sha256: String, name: String, channel: ChannelID, at date: Date) async throws {}

    /// A ledger that keeps outcomes only does not track moves.
    public func noteMoved(sha256: String, channel: ChannelID, to folder: FileDropFolder, at date: Date) async throws {}
}
