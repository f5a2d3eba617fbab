public import Foundation
public import MarketSync
internal import GRDB

extension SQLiteStore: FileDropLedger {
    /// What became of the file with this digest on `channel`: stored (archived or not yet) or quarantined; nil when
    /// it is unknown or only received (a file handed out but not dealt with is handed out again).
    public func entry(for sha256: String, channel: ChannelID) async throws -> FileDropLedgerEntry? {
        try await read("read the inbound file ledger of channel \(channel)") { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT name, state, reason, recorded_at FROM inbound_files
                WHERE channel = ? AND sha256 = ? AND state <> 'received'
                """, arguments: [channel.rawValue, sha256]) else { return nil }
            let outcome: FileDropLedgerEntry.Outcome
            switch try row.string(1) {
            case "stored", "archived": outcome = .stored
            case "quarantined": outcome = .quarantined(reason: try row.optionalString(2) ?? "")
            default: throw self.corrupt("inbound file state")
            }
            return FileDropLedgerEntry(sha256: sha256, name: try row.string(0), outcome: outcome,
                                       recordedAt: try row.optionalDate(3) ?? Date(unixMilliseconds: 0))
        }
    }

    /// Records the outcome in one transaction: a new digest, or one only received so far, takes it; a digest
    /// already stored, archived or quarantined keeps its first outcome.
    public func record(_ entry: FileDropLedgerEntry, channel: ChannelID) async throws {
        let (state, reason): (String, String?) = switch entry.outcome {
        case .stored: ("stored", nil)
        case let .quarantined(reason): ("quarantined", reason)
        }
        try await write("record an inbound file of channel \(channel)") { db in
            try db.execute(sql: """
                INSERT INTO inbound_files (channel, sha256, name, state, reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (channel, sha256) DO UPDATE SET
                    name = excluded.name, state = excluded.state, reason = excluded.reason, recorded_at = excluded.recorded_at
                WHERE inbound_files.state = 'received'
                """, arguments: [channel.rawValue, entry.sha256, entry.name, state, reason, entry.recordedAt.unixMilliseconds])
        }
    }

    /// Notes a file handed out: a new row in state `received`; a digest already known keeps its row.
    public func noteReceived(sha256: String, name: String, channel: ChannelID, at date: Date) async throws {
        try await write("note an inbound file of channel \(channel)") { db in
            try db.execute(sql: """
                INSERT INTO inbound_files (channel, sha256, name, state, received_at) VALUES (?, ?, ?, 'received', ?)
                ON CONFLICT (channel, sha256) DO NOTHING
                """, arguments: [channel.rawValue, sha256, name, date.unixMilliseconds])
        }
    }

    /// Notes that the file went to the archive (a stored file becomes `archived`) or the quarantine.
    public func noteMoved(sha256: String, channel: ChannelID, to folder: FileDropFolder, at date: Date) async throws {
        try await write("note an inbound file of channel \(channel) moved") { db in
            try db.execute(sql: """
                UPDATE inbound_files SET moved_at = ?, state = CASE WHEN state = 'stored' AND ? = 'archive' THEN 'archived' ELSE state END
                WHERE channel = ? AND sha256 = ?
                """, arguments: [date.unixMilliseconds, folder.rawValue, channel.rawValue, sha256])
        }
    }

    /// Every file of the ledger of `channel`, oldest first (by when it was received, else recorded). For reports
    /// and tests.
    public func inboundFiles(of channel: ChannelID) async throws -> [InboundFileRecord] {
        try await read("read the inbound file ledger of channel \(channel)") { db in
            try Row.fetchAll(db, sql: """
                SELECT sha256, name, state, reason, received_at, recorded_at, moved_at FROM inbound_files WHERE channel = ?
                ORDER BY COALESCE(received_at, recorded_at), sha256
                """, arguments: [channel.rawValue]).map { row in
                guard let state = InboundFileRecord.State(rawValue: try row.string(2)) else { throw self.corrupt("inbound file state") }
                return InboundFileRecord(sha256: try row.string(0), name: try row.string(1), state: state, reason: try row.optionalString(3),
                                         receivedAt: try row.optionalDate(4), recordedAt: try row.optionalDate(5),
                                         movedAt: try row.optionalDate(6))
            }
        }
    }
}
