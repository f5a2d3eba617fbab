internal import Logging
internal import PostgresNIO

extension PostgresConnection {
    /// Every row `query` returns, collected.
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        for try await row in try await self.query(query, logger: logger) {
            rows.append(row)
        }
        return rows
    }

    /// Runs `query`, dropping what it returns; returns how many rows it returned (a `RETURNING` clause counts
    /// the rows a write changed).
    @discardableResult
    func run(_ query: PostgresQuery, logger: Logger) async throws -> Int {
        var count = 0
        for try await _ in try await self.query(query, logger: logger) { count += 1 }
        return count
    }
}
