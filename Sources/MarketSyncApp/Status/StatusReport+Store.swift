public import Foundation
public import Logging
public import MarketSync
internal import MarketSyncConfig
internal import MarketSyncPostgres
internal import MarketSyncStore

extension StatusReport {
    /// Opens the configured store (SQLite or PostgreSQL) through its roles, reads the report and closes it again;
    /// nil when the SQLite file does not exist yet (nothing has run). A PostgreSQL server that cannot be reached
    /// throws `storeUnreachable` naming the location.
    public static func read(_ configuration: SyncConfiguration, at now: Date,
                            logger: Logger = Logger(label: "marketsync.status")) async throws -> StatusReport? {
        switch configuration.store {
        case let .sqlite(path):
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            return try await read(configuration, store: try SQLiteStore(path: path), at: now)
        case let .postgres(url):
            var storeLogger = logger
            storeLogger[metadataKey: "store"] = "postgres"
            let store = try PostgresStore(url: url, logger: storeLogger)
            defer { store.close() }
            return try await read(configuration, store: store, at: now)
        }
    }
}
