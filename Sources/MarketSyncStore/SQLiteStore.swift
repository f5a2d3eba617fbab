internal import Foundation
public import MarketSync
internal import GRDB

/// The embedded, default `SyncStore`: one SQLite file in WAL mode, opened through a GRDB `DatabasePool`
/// (one writer, several concurrent readers).
///
/// Every protocol method runs in one transaction, so a failure leaves the file as it was. Errors are
/// `MarketSyncError` with code `.store`, the file path, and the SQLite message; bound values (SKUs, buyer data)
/// never appear in messages, and the underlying `DatabaseError` is rebuilt without its arguments.
///
/// Storage conventions: dates are INTEGER Unix milliseconds, money is INTEGER minor units plus a currency code
/// (see `StoreMigrations`).
public final class SQLiteStore: SyncStore {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the store at `path`, creates its folder if missing, and migrates the schema.
    ///
    /// - Throws: `MarketSyncError` `.store` naming the path when the folder cannot be created, the file cannot
    ///   be opened, or the schema cannot be migrated.
    public convenience init(path: String) throws {
        try self.init(path: path, migratingUpTo: nil)
    }

    /// Opens the store at `path` migrated up to the named migration only (nil: all of them); a test of a later
    /// migration starts from a file at an earlier version.
    init(path: String, migratingUpTo lastMigration: String?) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw MarketSyncError(.store, "cannot create the folder \(folder.path) for the store at \(path)",
                                  file: path, underlying: error)
        }
        var configuration = Configuration()
        configuration.label = "marketsync.store"
        configuration.foreignKeysEnabled = true
        // Another process (a second `marketsync sync`) may hold the write lock for a moment: wait, don't fail.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL with synchronous=NORMAL is durable across application crashes; only a power loss can lose
            // the last commits, never corrupt the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw Self.storeError("open store", at: path, error)
        }
        do {
            if let lastMigration {
                try StoreMigrations.migrator.migrate(pool, upTo: lastMigration)
            } else {
                try StoreMigrations.migrator.migrate(pool)
            }
        } catch {
            throw Self.storeError("migrate store", at: path, error)
        }
    }

    /// Closes the file: waits for running work, checkpoints the WAL. Later calls fail with a `.store` error.
    public func close() throws {
        do {
            try pool.close()
        } catch {
            throw Self.storeError("close store", at: path, error)
        }
    }

    /// How many rows each table holds, by table name (diagnostics and tests).
    func tableCounts() throws -> [String: Int] {
        do {
            return try pool.read { db in
                var counts: [String: Int] = [:]
                for table in StoreMigrations.tables {
                    counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
                }
                return counts
            }
        } catch {
            throw Self.storeError("count rows", at: path, error)
        }
    }

    // MARK: - Transactions

    /// Runs `body` in one write transaction; maps any failure to a store error naming `action`.
    func write<T: Sendable>(_ action: String, _ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw Self.storeError(action, at: path, error)
        }
    }

    /// Runs `body` in one read transaction (a consistent snapshot); maps any failure to a store error.
    func read<T: Sendable>(_ action: String, _ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.storeError(action, at: path, error)
        }
    }

    /// A store error for `action` ("open store", "apply import") at `path`, safe to log.
    static func storeError(_ action: String, at path: String, _ error: any Error) -> MarketSyncError {
        if let error = error as? MarketSyncError { return error }
        if error is CancellationError {
            return MarketSyncError(.cancelled, "cancelled: \(action) in store at \(path)", file: path, underlying: error)
        }
        if let error = error as? DatabaseError {
            let reason = error.message ?? "SQLite error \(error.resultCode.rawValue)"
            // Rebuilt without `arguments`: bound values may be buyer data and must not travel with the error.
            let sanitized = DatabaseError(resultCode: error.extendedResultCode, message: error.message, sql: error.sql)
            return MarketSyncError(.store, "cannot \(action) at \(path): \(reason)", file: path, underlying: sanitized)
        }
        // Decoding errors describe the row they failed on: name the kind only.
        return MarketSyncError(.store, "cannot \(action) at \(path): unexpected \(type(of: error))", file: path,
                               underlying: error)
    }

    /// A store error for data that is in the file but cannot be what the schema promises.
    func corrupt(_ what: String, sku: SKU? = nil) -> MarketSyncError {
        MarketSyncError(.store, "the store at \(path) holds an invalid \(what)", sku: sku, file: path)
    }
}
