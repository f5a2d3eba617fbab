internal import Logging
internal import NIOSSL
internal import PostgresNIO

/// What a connection of its own, outside the pool, is made with: the one opened at start to tell an unreachable
/// server at once (the pool would retry for a minute), and the readiness probe's. Its TLS context is built when it
/// connects, so a root certificate that cannot be loaded is that connection's error, not a trap.
struct PostgresProbeConfiguration: Sendable {
    let location: PostgresLocation
    let password: String?
    let tls: TLSConfiguration?

    /// The connection's configuration, with a 5-second connect timeout.
    func connection() throws -> PostgresConnection.Configuration {
        var probe = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.user, password: password,
                                                     database: location.database,
                                                     tls: try tls.map { .require(try NIOSSLContext(configuration: $0)) } ?? .disable)
        probe.options.connectTimeout = .seconds(5)
        return probe
    }

    /// Opens a new connection, runs `SELECT 1` on it and closes it; throws whatever failed.
    func check(id: Int, logger: Logger) async throws {
        let connection = try await PostgresConnection.connect(configuration: try connection(), id: id, logger: logger)
        do {
            try await connection.run("SELECT 1", logger: logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
