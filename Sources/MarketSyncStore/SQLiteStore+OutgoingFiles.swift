public import Foundation
public import MarketSync
internal import GRDB

extension SQLiteStore: OutgoingFileStore {
    /// Inserts the file unless one is kept under its key, then reads back the one kept, in one transaction.
    public func keep(_ file: OutgoingFile, channel: ChannelID) async throws -> OutgoingFile {
        try await write("keep an outgoing file of channel \(channel)") { db in
            try db.execute(sql: """
                INSERT INTO outgoing_files (channel, key, name, contents, created_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (channel, key) DO NOTHING
                """, arguments: [channel.rawValue, file.key, file.name.value, file.contents, file.createdAt.unixMilliseconds,
                                 file.deliveredAt?.unixMilliseconds])
            guard let kept = try self.outgoingFile(file.key, channel: channel, in: db) else { throw self.corrupt("outgoing file") }
            return kept
        }
    }

    /// The file kept under `key`, or nil.
    public func outgoingFile(_ key: String, channel: ChannelID) async throws -> OutgoingFile? {
        try await read("read an outgoing file of channel \(channel)") { db in try self.outgoingFile(key, channel: channel, in: db) }
    }

    /// Files not delivered yet whose key starts with `prefix`, oldest first.
    public func undeliveredFiles(prefix: String, channel: ChannelID) async throws -> [OutgoingFile] {
        try await read("read outgoing files of channel \(channel)") { db in
            // substr, not LIKE: a key may hold % or _.
            try Row.fetchAll(db, sql: """
                SELECT key, name, contents, created_at, delivered_at FROM outgoing_files
                WHERE channel = ? AND delivered_at IS NULL AND substr(key, 1, ?) = ?
                ORDER BY created_at, key
                """, arguments: [channel.rawValue, prefix.count, prefix]).map(self.outgoingFile)
        }
    }

    /// Sets the delivery time unless one is set.
    public func markDelivered(_ key: String, channel: ChannelID, at date: Date) async throws {
        try await write("mark an outgoing file of channel \(channel) delivered") { db in
            try db.execute(sql: "UPDATE outgoing_files SET delivered_at = ? WHERE channel = ? AND key = ? AND delivered_at IS NULL",
                           arguments: [date.unixMilliseconds, channel.rawValue, key])
        }
    }

    private func outgoingFile(_ key: String, channel: ChannelID, in db: Database) throws -> OutgoingFile? {
        try Row.fetchOne(db, sql: "SELECT key, name, contents, created_at, delivered_at FROM outgoing_files WHERE channel = ? AND key = ?",
                         arguments: [channel.rawValue, key]).map(outgoingFile)
    }

    private func outgoingFile(_ row: Row) throws -> OutgoingFile {
        guard let name = try? FileDropName(try row.string(1)) else { throw corrupt("outgoing file name") }
        return OutgoingFile(key: try row.string(0), name: name, contents: try row.decode(Data.self, atIndex: 2),
                            createdAt: try row.date(3), deliveredAt: try row.optionalDate(4))
    }
}
