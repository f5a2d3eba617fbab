public import MarketSync
internal import GRDB

extension SQLiteStore: ControlNumberSource {
    /// Takes the next number of `kind` for `partner` in one write transaction: the row is created at 1 or moved up by
    /// one and read back before the transaction commits, so the number is on disk before anyone can write a file
    /// with it. SQLite serialises writers (across processes too), so two takers never get the same number. Throws
    /// `edi_control` once `ControlNumberKind.maximum` has been handed out (the row is left as it was).
    public func next(_ kind: ControlNumberKind, for partner: ChannelID) async throws -> Int {
        try await write("take a \(kind.rawValue) control number for channel \(partner)") { db in
            try db.execute(sql: """
                INSERT INTO control_numbers (channel, kind, last_number) VALUES (?, ?, 1)
                ON CONFLICT (channel, kind) DO UPDATE SET last_number = last_number + 1
                """, arguments: [partner.rawValue, kind.rawValue])
            guard let number = try Int64.fetchOne(db, sql: "SELECT last_number FROM control_numbers WHERE channel = ? AND kind = ?",
                                                  arguments: [partner.rawValue, kind.rawValue]) else {
                throw self.corrupt("control number")
            }
            guard number <= Int64(ControlNumberKind.maximum) else {
                // Thrown inside the transaction: it rolls back, the last number handed out stays the last.
                throw MarketSyncError(.ediControl, "\(kind.rawValue) control numbers for this partner are used up (limit \(ControlNumberKind.maximum))",
                                      channel: partner, key: kind.rawValue)
            }
            return Int(number)
        }
    }

    /// The last number of each kind handed out for `partner` (none yet: not in the result). For reports and tests.
    public func lastControlNumbers(for partner: ChannelID) async throws -> [ControlNumberKind: Int] {
        try await read("read control numbers of channel \(partner)") { db in
            var numbers: [ControlNumberKind: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kind, last_number FROM control_numbers WHERE channel = ?",
                                        arguments: [partner.rawValue]) {
                guard let kind = ControlNumberKind(rawValue: try row.string(0)) else { throw self.corrupt("control number kind") }
                numbers[kind] = Int(try row.int64(1))
            }
            return numbers
        }
    }
}
