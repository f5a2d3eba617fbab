internal import GRDB
internal import GRDBSQLite

/// A statement stepped row by row with columns read straight from SQLite, without building a `Row` or boxing
/// values: for the planning scans, where a million rows make per-row costs the main cost.
///
/// ```swift
/// var rows = try db.rawRows(sql: "SELECT id, sku FROM products")
/// while try rows.step() { use(rows.int64(0), rows.text(1)) }
/// ```
///
/// Columns are read as SQLite converts them; the schema (types, NOT NULL) is what guarantees their shape, and a
/// required text column that is NULL is reported by the caller as a corrupt store.
struct RawRows {
    /// Keeps the prepared statement alive (and finalizes it) while `handle` is stepped.
    private let statement: Statement
    private let handle: OpaquePointer
    private let sql: String

    init(_ db: Database, sql: String, arguments: [(any DatabaseValueConvertible)?]) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        self.sql = sql
        // Arguments past the highest parameter the SQL uses are ignored, so optional clauses can share one list.
        let used = min(arguments.count, Int(sqlite3_bind_parameter_count(handle)))
        try statement.setArguments(StatementArguments(arguments.prefix(used)))
    }

    /// Moves to the next row; false (and the statement reset) after the last one.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        sqlite3_reset(handle)
        if code == SQLITE_DONE { return false }
        throw DatabaseError(resultCode: ResultCode(rawValue: code),
                            message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: sql)
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    /// The column as text, nil when NULL.
    func text(_ column: Int32) -> String? {
        guard let start = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    /// The column's UTF-8 bytes, valid until the next step; nil when NULL.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let start = sqlite3_column_text(handle, column) else { return nil }
        return UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column)))
    }
}

extension Database {
    /// `sql` prepared with positional `arguments` (?1, ?2, ...), ready to step.
    func rawRows(sql: String, arguments: [(any DatabaseValueConvertible)?] = []) throws -> RawRows {
        try RawRows(self, sql: sql, arguments: arguments)
    }
}
