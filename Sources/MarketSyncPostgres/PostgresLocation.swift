internal import Foundation
internal import MarketSync

/// Where a PostgreSQL store lives, from a `postgres://user@host:port/database` URL; the password is never part of
/// it (it comes from the environment, see `PostgresStore.passwordVariable`).
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// The server's host name or address.
    public var host: String
    /// The server's port (5432 unless the URL names one).
    public var port: Int
    /// The role to log in as.
    public var user: String
    /// The database.
    public var database: String
    /// The schema the store's tables live in (`public` unless the URL's `schema` query parameter names another).
    public var schema: String
    /// Whether the connection is encrypted and what is checked (the URL's `sslmode` and `sslrootcert`).
    public var tls: PostgresTLSMode

    /// A location; `schema` is `public` unless given, the connection plain unless `tls` says otherwise.
    public init(host: String, port: Int = 5432, user: String, database: String, schema: String = "public",
                tls: PostgresTLSMode = .disable) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.schema = schema
        self.tls = tls
    }

    /// Parses `postgres://user@host:port/database[?schema=name][&sslmode=mode][&sslrootcert=file]` (`postgresql://`
    /// too; `sslmode` as libpq reads it: `disable`, `require`, `verify-ca`, `verify-full`). A URL that carries a
    /// password is refused: a password in a config file ends up in backups and logs.
    ///
    /// - Throws: `MarketSyncError` `.config` naming what is wrong (never the password).
    public init(url text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              scheme == "postgres" || scheme == "postgresql" else {
            throw MarketSyncError(.config, "the store URL must look like postgres://user@host:port/database", key: "store")
        }
        if components.password != nil {
            throw MarketSyncError(.config, "the store URL must not carry a password: set \(PostgresStore.passwordVariable) in the environment",
                                  key: "store")
        }
        guard let host = components.host, !host.isEmpty else {
            throw MarketSyncError(.config, "the store URL names no host", key: "store")
        }
        guard let user = components.user, !user.isEmpty else {
            throw MarketSyncError(.config, "the store URL names no user (postgres://user@\(host)/database)", key: "store")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw MarketSyncError(.config, "the store URL names no database (postgres://\(user)@\(host)/database)", key: "store")
        }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard ["schema", "sslmode", "sslrootcert"].contains(item.name), let value = item.value, !value.isEmpty else {
                throw MarketSyncError(.config, "the store URL takes only the schema, sslmode and sslrootcert parameters, each with a value, "
                                      + "not \(item.name)", key: "store")
            }
            parameters[item.name] = value
        }
        let schema = parameters["schema"] ?? "public"
        guard schema.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil else {
            throw MarketSyncError(.config, "the store URL's schema must be lowercase letters, digits and underscores", key: "store")
        }
        let tls = try PostgresTLSMode(sslmode: parameters["sslmode"], sslrootcert: parameters["sslrootcert"])
        self.init(host: host, port: components.port ?? 5432, user: user, database: database, schema: schema, tls: tls)
    }

    /// `postgres://user@host:port/database`, with `schema` when not `public` and `sslmode` when not `disable`: safe to
    /// log, there is no password.
    public var description: String {
        let query = [schema == "public" ? "" : "schema=\(schema)", tls.queryText].filter { !$0.isEmpty }.joined(separator: "&")
        return "postgres://\(user)@\(host):\(port)/\(database)" + (query.isEmpty ? "" : "?\(query)")
    }
}
