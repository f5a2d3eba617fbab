public import Foundation
internal import MarketSync
internal import GRDB

extension SQLiteStore {
    /// Starts recording a run of `mode` (`sync`, `worker`, `replay`); returns its id.
    public func beginRun(mode: String, at date: Date) async throws -> Int64 {
        try await write("begin a run") { db in
            try db.execute(sql: "INSERT INTO runs (mode, started_at) VALUES (?, ?)",
                           arguments: [mode, date.unixMilliseconds])
            return db.lastInsertedRowID
        }
    }

    /// Ends run `id` with its summary (JSON) and exit code.
    ///
    /// - Throws: `MarketSyncError` `.store` when no run has that id.
    public func finishRun(_ id: Int64, summaryJSON: String, exitCode: Int, at date: Date) async throws {
        try await write("finish a run") { db in
            try db.execute(sql: """
                UPDATE runs SET finished_at = ?, exit_code = ?, summary_json = ? WHERE id = ?
                """, arguments: [date.unixMilliseconds, exitCode, summaryJSON, id])
            guard db.changesCount == 1 else {
                throw MarketSyncError(.store, "cannot finish run \(id) at \(self.path): no such run", file: self.path)
            }
        }
    }
}
