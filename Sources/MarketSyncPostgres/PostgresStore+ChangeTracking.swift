public import MarketSync
internal import PostgresNIO

extension PostgresStore {
    /// The current value of the change sequence: the last value stamped on a product (0 for an empty store).
    public func changeSequence() async throws -> Int64 {
        try await read("read the change sequence") { connection in
            try await connection.rows("SELECT value FROM counters WHERE name = 'change'", logger: self.logger).first?.decode(Int64.self) ?? 0
        }
    }

    /// The last plan pass recorded for `channel`, or nil.
    public func planMark(for channel: ChannelID) async throws -> PlanMark? {
        try await read("read a plan mark") { connection in
            try await connection.rows("SELECT sequence, rules_digest FROM plan_marks WHERE channel = \(channel.rawValue)", logger: self.logger)
                .first.map { row in
                    let (sequence, digest) = try row.decode((Int64, String).self)
                    return PlanMark(sequence: sequence, rulesDigest: digest)
                }
        }
    }

    /// Records the plan pass of `channel`, replacing the previous one.
    public func setPlanMark(_ mark: PlanMark, for channel: ChannelID) async throws {
        try await write("record a plan mark") { connection in
            try await connection.run("""
                INSERT INTO plan_marks (channel, sequence, rules_digest) VALUES (\(channel.rawValue), \(mark.sequence), \(mark.rulesDigest))
                ON CONFLICT (channel) DO UPDATE SET sequence = excluded.sequence, rules_digest = excluded.rules_digest
                """, logger: self.logger)
        }
    }

    /// For the outbox ids given, the version each entry has now; ids no longer in the outbox are absent.
    public func outboxVersions(of ids: [Int64]) async throws -> [Int64: Int64] {
        guard !ids.isEmpty else { return [:] }
        return try await read("read outbox versions") { connection in
            var versions: [Int64: Int64] = [:]
            for row in try await connection.rows("SELECT id, version FROM outbox WHERE id = ANY(\(Array(Set(ids))))", logger: self.logger) {
                let (id, version) = try row.decode((Int64, Int64).self)
                versions[id] = version
            }
            return versions
        }
    }

    /// Stamps every product among `skus` with the next change sequence (taken once), so the next plan looks at it.
    func stampChanged(_ connection: PostgresConnection, skus: Set<String>) async throws {
        guard !skus.isEmpty else { return }
        let sequence = try await nextCounter(connection, "change")
        try await connection.run("UPDATE products SET change_seq = \(sequence) WHERE sku = ANY(\(skus.sorted()))", logger: logger)
    }
}
