internal import GRDB
internal import GRDBSQLite

/// The current row of a statement being stepped: columns read straight from SQLite, without building a `Row`
/// or boxing values. For the planning scans, where a million rows make per-row allocations the main cost.
///
/// Columns are read as SQLite converts them; the schema (types, NOT NULL) is what guarantees their shape, and a
/// required text column that is NULL is reported by the caller as a corrupt store.
struct RawRow {
    let handle: OpaquePointer

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    /// The column as text, nil when NULL.
    func text(_ column: Int32) -> String? {
        withText(column) { bytes in bytes.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// The column's UTF-8 bytes (valid only inside `body`), nil when NULL.
    func withText<R>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        guard let start = sqlite3_column_text(handle, column) else { return try body(nil) }
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeBufferPointer(start: start, count: count))
    }
}

extension Database {
    /// Runs `sql` with positional `arguments` (?1, ?2, ...) and calls `body` for each row, in order. Arguments past
    /// the highest parameter the SQL uses are ignored, so optional clauses can share one argument list.
    func forEachRawRow(sql: String, arguments: [(any DatabaseValueConvertible)?] = [],
                       _ body: (RawRow) throws -> Void) throws {
        let statement = try makeStatement(sql: sql)
        let used = min(arguments.count, Int(sqlite3_bind_parameter_count(statement.sqliteStatement)))
        try statement.setArguments(StatementArguments(arguments.prefix(used)))
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: lastErrorMessage, sql: sql)
            }
            try body(RawRow(handle: handle))
        }
    }
}
