internal import Foundation
public import MarketSync
internal import PostgresNIO

extension PostgresStore: RunHistoryStore {
    /// The newest `limit` runs, newest first, each with its decoded summary when it finished (nil when the stored
    /// JSON no longer reads).
    public func recentRuns(limit: Int) async throws -> [StoredRun] {
        try await read("read runs") { connection in
            try await connection.rows("""
                SELECT id, mode, started_at, finished_at, exit_code, summary_json FROM runs ORDER BY id DESC LIMIT \(max(0, limit))
                """, logger: self.logger).map { row in
                let (id, mode, started, finished, exitCode, json) = try row.decode((Int64, String, Int64, Int64?, Int?, String?).self)
                let summary = json.flatMap { try? JSONDecoder().decode(RunSummary.self, from: Data($0.utf8)) }
                return StoredRun(id: id, mode: mode, startedAt: Date(unixMilliseconds: started),
                                 finishedAt: finished.map(Date.init(unixMilliseconds:)), exitCode: exitCode, summary: summary)
            }
        }
    }
}
