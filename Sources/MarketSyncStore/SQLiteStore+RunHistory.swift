internal import Foundation
public import MarketSync
internal import GRDB

extension SQLiteStore: RunHistoryStore {
    /// The newest `limit` runs, newest first, each with its decoded summary when it finished.
    public func recentRuns(limit: Int) async throws -> [StoredRun] {
        try await read("read runs") { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, mode, started_at, finished_at, exit_code, summary_json FROM runs ORDER BY id DESC LIMIT ?
                """, arguments: [max(0, limit)])
            return try rows.map { row in
                let json = try row.optionalString(5)
                let summary = json.flatMap { try? JSONDecoder().decode(RunSummary.self, from: Data($0.utf8)) }
                return StoredRun(id: try row.int64(0), mode: try row.string(1), startedAt: try row.date(2),
                                 finishedAt: try row.optionalDate(3), exitCode: try row.optionalInt64(4).map(Int.init),
                                 summary: summary)
            }
        }
    }
}
