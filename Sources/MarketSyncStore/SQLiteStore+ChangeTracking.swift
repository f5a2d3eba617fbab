public import MarketSync
internal import GRDB

extension SQLiteStore {
    /// Takes the next value of the global change sequence (inside the caller's write transaction).
    static func nextChangeSequence(_ db: Database) throws -> Int64 {
        guard let value = try Int64.fetchOne(db, sql: """
            UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value
            """) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "change_counter has no row")
        }
        return value
    }

    /// The current value of the change sequence: the last value stamped on a product (0 for an empty store).
    public func changeSequence() async throws -> Int64 {
        try await read("read the change sequence") { db in
            try Int64.fetchOne(db, sql: "SELECT value FROM change_counter WHERE id = 1") ?? 0
        }
    }

    /// The last plan pass recorded for `channel`, or nil.
    public func planMark(for channel: ChannelID) async throws -> PlanMark? {
        try await read("read a plan mark") { db in
            try Row.fetchOne(db, sql: "SELECT sequence, rules_digest FROM plan_marks WHERE channel = ?",
                             arguments: [channel.rawValue])
                .map { PlanMark(sequence: try $0.int64(0), rulesDigest: try $0.string(1)) }
        }
    }

    /// Records the plan pass of `channel`, replacing the previous one.
    public func setPlanMark(_ mark: PlanMark, for channel: ChannelID) async throws {
        try await write("record a plan mark") { db in
            try db.execute(sql: """
                INSERT INTO plan_marks (channel, sequence, rules_digest) VALUES (?, ?, ?)
                ON CONFLICT (channel) DO UPDATE SET sequence = excluded.sequence, rules_digest = excluded.rules_digest
                """, arguments: [channel.rawValue, mark.sequence, mark.rulesDigest])
        }
    }

    /// For the outbox ids given, the version each entry has now; ids no longer in the outbox are absent.
    public func outboxVersions(of ids: [Int64]) async throws -> [Int64: Int64] {
        guard !ids.isEmpty else { return [:] }
        return try await read("read outbox versions") { db in
            var versions: [Int64: Int64] = [:]
            let statement = try db.cachedStatement(sql: "SELECT version FROM outbox WHERE id = ?")
            for id in Set(ids) {
                if let version = try Int64.fetchOne(statement, arguments: [id]) { versions[id] = version }
            }
            return versions
        }
    }
}
