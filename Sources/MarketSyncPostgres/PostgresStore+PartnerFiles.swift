public import Foundation
public import MarketSync
internal import PostgresNIO

extension PostgresStore: ControlNumberSource {
    /// Takes the next number in one transaction: the row is created at 1 or moved up by one under its row lock and
    /// read back before the commit, so two workers never get the same number and a crash may waste one, never
    /// reuse one. Throws `edi_control` once `ControlNumberKind.maximum` has been handed out (rolled back).
    public func next(_ kind: ControlNumberKind, for partner: ChannelID) async throws -> Int {
        try await write("take a \(kind.rawValue) control number for channel \(partner)") { connection in
            let rows = try await connection.rows("""
                INSERT INTO control_numbers (channel, kind, last_number) VALUES (\(partner.rawValue), \(kind.rawValue), 1)
                ON CONFLICT (channel, kind) DO UPDATE SET last_number = control_numbers.last_number + 1
                RETURNING last_number
                """, logger: self.logger)
            guard let number = try rows.first?.decode(Int64.self) else { throw self.corrupt("control number") }
            guard number <= Int64(ControlNumberKind.maximum) else {
                throw MarketSyncError(.ediControl, "\(kind.rawValue) control numbers for this partner are used up (limit \(ControlNumberKind.maximum))",
                                      channel: partner, key: kind.rawValue)
            }
            return Int(number)
        }
    }
}

extension PostgresStore: FileDropLedger {
    /// What became of the file with this digest: stored (archived or not yet) or quarantined; nil when unknown or
    /// only received.
    public func entry(for sha256: String, channel: ChannelID) async throws -> FileDropLedgerEntry? {
        try await read("read the inbound file ledger of channel \(channel)") { connection in
            guard let row = try await connection.rows("""
                SELECT name, state, reason, recorded_at FROM inbound_files
                WHERE channel = \(channel.rawValue) AND sha256 = \(sha256) AND state <> 'received'
                """, logger: self.logger).first else { return nil }
            let (name, state, reason, recordedAt) = try row.decode((String, String, String?, Int64?).self)
            let outcome: FileDropLedgerEntry.Outcome
            switch state {
            case "stored", "archived": outcome = .stored
            case "quarantined": outcome = .quarantined(reason: reason ?? "")
            default: throw self.corrupt("inbound file state")
            }
            return FileDropLedgerEntry(sha256: sha256, name: name, outcome: outcome, recordedAt: Date(unixMilliseconds: recordedAt ?? 0))
        }
    }

    /// A new digest, or one only received so far, takes the outcome; one already recorded keeps its first.
    public func record(_ entry: FileDropLedgerEntry, channel: ChannelID) async throws {
        let (state, reason): (String, String?) = switch entry.outcome {
        case .stored: ("stored", nil)
        case let .quarantined(reason): ("quarantined", reason)
        }
        try await write("record an inbound file of channel \(channel)") { connection in
            try await connection.run("""
                INSERT INTO inbound_files (channel, sha256, name, state, reason, recorded_at)
                VALUES (\(channel.rawValue), \(entry.sha256), \(entry.name), \(state), \(reason), \(entry.recordedAt.unixMilliseconds))
                ON CONFLICT (channel, sha256) DO UPDATE SET
                    name = excluded.name, state = excluded.state, reason = excluded.reason, recorded_at = excluded.recorded_at
                WHERE inbound_files.state = 'received'
                """, logger: self.logger)
        }
    }

    /// A new row in state `received`; a digest already known keeps its row.
    public func noteReceived(sha256: String, name: String, channel: ChannelID, at date: Date) async throws {
        try await write("note an inbound file of channel \(channel)") { connection in
            try await connection.run("""
                INSERT INTO inbound_files (channel, sha256, name, state, received_at)
                VALUES (\(channel.rawValue), \(sha256), \(name), 'received', \(date.unixMilliseconds))
                ON CONFLICT (channel, sha256) DO NOTHING
                """, logger: self.logger)
        }
    }

    /// A stored file moved to the archive becomes `archived`; any move is timed.
    public func noteMoved(sha256: String, channel: ChannelID, to folder: FileDropFolder, at date: Date) async throws {
        try await write("note an inbound file of channel \(channel) moved") { connection in
            try await connection.run("""
                UPDATE inbound_files SET moved_at = \(date.unixMilliseconds),
                    state = CASE WHEN state = 'stored' AND \(folder.rawValue) = 'archive' THEN 'archived' ELSE state END
                WHERE channel = \(channel.rawValue) AND sha256 = \(sha256)
                """, logger: self.logger)
        }
    }
}

extension PostgresStore: OutgoingFileStore {
    /// Inserts the file unless one is kept under its key, then reads back the one kept, in one transaction.
    public func keep(_ file: OutgoingFile, channel: ChannelID) async throws -> OutgoingFile {
        try await write("keep an outgoing file of channel \(channel)") { connection in
            try await connection.run("""
                INSERT INTO outgoing_files (channel, key, name, contents, created_at, delivered_at)
                VALUES (\(channel.rawValue), \(file.key), \(file.name.value), \(file.contents), \(file.createdAt.unixMilliseconds),
                        \(file.deliveredAt?.unixMilliseconds))
                ON CONFLICT (channel, key) DO NOTHING
                """, logger: self.logger)
            guard let kept = try await self.outgoingFile(file.key, channel: channel, in: connection) else { throw self.corrupt("outgoing file") }
            return kept
        }
    }

    /// The file kept under `key`, or nil.
    public func outgoingFile(_ key: String, channel: ChannelID) async throws -> OutgoingFile? {
        try await read("read an outgoing file of channel \(channel)") { connection in
            try await self.outgoingFile(key, channel: channel, in: connection)
        }
    }

    /// Files not delivered yet whose key starts with `prefix`, oldest first.
    public func undeliveredFiles(prefix: String, channel: ChannelID) async throws -> [OutgoingFile] {
        try await read("read outgoing files of channel \(channel)") { connection in
            // starts_with, not LIKE: a key may hold % or _.
            try await connection.rows("""
                SELECT key, name, contents, created_at, delivered_at FROM outgoing_files
                WHERE channel = \(channel.rawValue) AND delivered_at IS NULL AND starts_with(key, \(prefix))
                ORDER BY created_at, key
                """, logger: self.logger).map(self.outgoingFile)
        }
    }

    /// Sets the delivery time unless one is set.
    public func markDelivered(_ key: String, channel: ChannelID, at date: Date) async throws {
        try await write("mark an outgoing file of channel \(channel) delivered") { connection in
            try await connection.run("""
                UPDATE outgoing_files SET delivered_at = \(date.unixMilliseconds)
                WHERE channel = \(channel.rawValue) AND key = \(key) AND delivered_at IS NULL
                """, logger: self.logger)
        }
    }

    private func outgoingFile(_ key: String, channel: ChannelID, in connection: PostgresConnection) async throws -> OutgoingFile? {
        try await connection.rows("""
            SELECT key, name, contents, created_at, delivered_at FROM outgoing_files WHERE channel = \(channel.rawValue) AND key = \(key)
            """, logger: logger).first.map(outgoingFile)
    }

    private func outgoingFile(_ row: PostgresRow) throws -> OutgoingFile {
        let (key, name, contents, created, delivered) = try row.decode((String, String, Data, Int64, Int64?).self)
        guard let fileName = try? FileDropName(name) else { throw corrupt("outgoing file name") }
        return OutgoingFile(key: key, name: fileName, contents: contents, createdAt: Date(unixMilliseconds: created),
                            deliveredAt: delivered.map(Date.init(unixMilliseconds:)))
    }
}
