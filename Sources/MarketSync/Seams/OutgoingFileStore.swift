public import Foundation

/// Where files made for a partner are kept until they are delivered, and remembered after (`OutgoingFile`).
///
/// Contract: `keep` is durable once it returns and keeps the first file under a key: keeping another file under the
/// same key returns the one kept before, so two attempts to answer the same thing agree on one file. Scoped by
/// channel. `SQLiteStore` implements it.
public protocol OutgoingFileStore: Sendable {
    /// Keeps `file` unless a file is kept under its key already; returns the file kept under the key.
    func keep(_ file: OutgoingFile, channel: ChannelID) async throws -> OutgoingFile
    /// The file kept under `key`, or nil.
    func outgoingFile(_ key: String, channel: ChannelID) async throws -> OutgoingFile?
    /// Files kept for `channel` and not delivered yet whose key starts with `prefix`, oldest first.
    func undeliveredFiles(prefix: String, channel: ChannelID) async throws -> [OutgoingFile]
    /// Records that the file under `key` was delivered at `date` (the first delivery's time stays).
    func markDelivered(_ key: String, channel: ChannelID, at date: Date) async throws
}
