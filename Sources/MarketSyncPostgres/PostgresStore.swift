public import Foundation
public import Logging
internal import MarketSync
internal import PostgresNIO
internal import Synchronization

/// The store on PostgreSQL, for several workers sharing one database: the same roles and contracts as the
/// embedded `SQLiteStore` (`SyncStore`, `OrderQueryStore`, `ControlNumberSource`, `FileDropLedger`,
/// `OutgoingFileStore`), with channel leases taken under `SELECT … FOR UPDATE SKIP LOCKED` so workers split the
/// channels between them.
///
/// Every protocol method is one transaction (READ COMMITTED for writes, with the rows they depend on locked;
/// REPEATABLE READ for reads that take several queries, so they see one snapshot). The schema is migrated when the
/// store is first used (`prepare()`), under an advisory lock, so two workers starting at once migrate it once.
///
/// Storage conventions are SQLite's: dates are BIGINT Unix milliseconds, money BIGINT minor units beside a currency
/// code. Errors are `MarketSyncError` `.store` naming the location (never the password) and the server's message;
/// bound values (SKUs, buyer data) never appear in them.
public final class PostgresStore: Sendable {
    /// The environment variable the password is read from (`PGPASSWORD`, as psql and libpq read it, so one
    /// setting serves both).
    public static let passwordVariable = "PGPASSWORD"

    /// Where the store lives (no password).
    public let location: PostgresLocation
    let client: PostgresClient
    let probeConfiguration: PostgresProbeConfiguration
    let logger: Logger
    private let runner: Task<Void, Never>
    private let readiness = Mutex<Task<Void, any Error>?>(nil)

    /// A store at `location`, logging in with `password` (nil: the server asks for none). Nothing is sent until the
    /// first call (or `prepare()`), which connects and migrates the schema.
    public init(location: PostgresLocation, password: String?, logger: Logger = Logger(label: "marketsync.postgres"),
                maximumConnections: Int = 8) {
        self.location = location
        self.logger = logger
        let tls = location.tls.configuration
        var configuration = PostgresClient.Configuration(host: location.host, port: location.port, username: location.user,
                                                         password: password, database: location.database,
                                                         tls: tls.map { .require($0) } ?? .disable)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        if location.schema != "public" {
            configuration.options.additionalStartupParameters = [("search_path", location.schema)]
        }
        // The one connection opened at start to tell an unreachable server at once (the pool would retry for a minute).
        probeConfiguration = PostgresProbeConfiguration(location: location, password: password, tls: tls)
        // The pool says when it cannot connect; the store's own error says it once, with what to check.
        var poolLogger = Logger(label: "marketsync.postgres.pool")
        poolLogger.logLevel = .error
        let client = PostgresClient(configuration: configuration, backgroundLogger: poolLogger)
        self.client = client
        runner = Task { await client.run() }
    }

    /// A store at the `postgres://` URL `url`, with the password from `environment[passwordVariable]`.
    public convenience init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                            logger: Logger = Logger(label: "marketsync.postgres")) throws {
        self.init(location: try PostgresLocation(url: url), password: environment[Self.passwordVariable], logger: logger)
    }

    deinit {
        runner.cancel()
    }

    /// Stops the connection pool; later calls fail.
    public func close() {
        runner.cancel()
    }

    /// Connects and migrates the schema, once; every method waits for it. An unreachable server or a refused login
    /// throws `storeUnreachable` naming the location.
    public func prepare() async throws {
        let task = readiness.withLock { task in
            if let task { return task }
            let made = Task { try await self.connectAndMigrate() }
            task = made
            return made
        }
        do {
            try await task.value
        } catch {
            // A later call tries again (the server may be up by then).
            readiness.withLock { if $0 == task { $0 = nil } }
            throw error
        }
    }

    private func connectAndMigrate() async throws {
        do {
            try await probeConfiguration.check(id: 0, logger: logger)
        } catch {
            throw MarketSyncError(.storeUnreachable, "cannot reach the PostgreSQL store at \(location): \(Self.reason(error))"
                                  + "; is the server running, and is \(Self.passwordVariable) set when it asks for a password?",
                                  key: "store")
        }
        try await PostgresMigrations.migrate(self)
    }

    // MARK: - Transactions

    /// Runs `body` in one transaction; commits when it returns, rolls back when it throws; maps any failure to a
    /// store error naming `action`.
    @discardableResult
    func write<T: Sendable>(_ action: String, isolation level: String = "READ COMMITTED",
                            _ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await prepare()
        return try await transaction(action, begin: "BEGIN ISOLATION LEVEL \(level)", body)
    }

    /// Runs `body` in one read-only REPEATABLE READ transaction: every query sees the same snapshot.
    func read<T: Sendable>(_ action: String, _ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await prepare()
        return try await transaction(action, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// A transaction without waiting for `prepare()` (migrations run in these).
    @discardableResult
    func transaction<T: Sendable>(_ action: String, begin: String,
                                  _ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                try await connection.query(PostgresQuery(unsafeSQL: begin), logger: self.logger)
                do {
                    let value = try await body(connection)
                    try await connection.query("COMMIT", logger: self.logger)
                    return value
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: self.logger)
                    throw error
                }
            }
        } catch {
            throw storeError(action, error)
        }
    }

    /// A store error for `action`, safe to log: the server's message and SQLSTATE, no bound values, no password.
    func storeError(_ action: String, _ error: any Error) -> MarketSyncError {
        if let error = error as? MarketSyncError { return error }
        if error is CancellationError {
            return MarketSyncError(.cancelled, "cancelled: \(action) in the PostgreSQL store at \(location)")
        }
        return MarketSyncError(.store, "cannot \(action) in the PostgreSQL store at \(location): \(Self.reason(error))")
    }

    /// What went wrong, for people: the server's message and code, or the kind of client error. PSQLError's own
    /// description hides the details on purpose; the server's message names no bound value.
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let code = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + code
            }
            // A connection that failed before the server said anything: the network's reason (refused, timed out).
            let detail = error.underlying.map { String(describing: $0).prefix(200) } ?? ""
            return detail.isEmpty ? "\(error.code)" : "\(error.code) (\(detail))"
        }
        return "\(type(of: error))"
    }

    /// A store error for data that is in the database but cannot be what the schema promises.
    func corrupt(_ what: String, sku: SKU? = nil) -> MarketSyncError {
        MarketSyncError(.store, "the PostgreSQL store at \(location) holds an invalid \(what)", sku: sku)
    }
}
