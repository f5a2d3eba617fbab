import Foundation
import MarketSync
@testable import MarketSyncPostgres
import PostgresNIO
import Testing

/// The store URL's `sslmode` and `sslrootcert`, read as libpq reads them, and connections made with them to the
/// test server of `scripts/postgres`, which takes TLS with a certificate for 127.0.0.1 and localhost from a CA of
/// its own (`MARKETSYNC_PG_TEST_CA`).
@Suite struct PostgresTLSTests {
    static let url = ProcessInfo.processInfo.environment["MARKETSYNC_PG_TEST_URL"]
    static let ca = ProcessInfo.processInfo.environment["MARKETSYNC_PG_TEST_CA"]
    static let skipReason: Comment = "needs MARKETSYNC_PG_TEST_URL and MARKETSYNC_PG_TEST_CA: scripts/postgres start, or scripts/test"

    @Test func theURLNamesTheModeAndTheRootCertificate() throws {
        #expect(try PostgresLocation(url: "postgres://ms@db/marketsync").tls == .disable)
        #expect(try PostgresLocation(url: "postgres://ms@db/marketsync?sslmode=require").tls == .require)
        #expect(try PostgresLocation(url: "postgres://ms@db/marketsync?sslmode=verify-full").tls == .verifyFull(rootCertificate: nil))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ca-\(UUID().uuidString).pem").path
        try Data("not read here".utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let verified = try PostgresLocation(url: "postgres://ms@db:6543/marketsync?schema=yugra&sslmode=verify-ca&sslrootcert=\(file)")
        #expect(verified.tls == .verifyCA(rootCertificate: file))
        // What is logged says how the store is reached, and reads back the same.
        #expect(verified.description == "postgres://ms@db:6543/marketsync?schema=yugra&sslmode=verify-ca&sslrootcert=\(file)")
        #expect(try PostgresLocation(url: verified.description) == verified)

        for (url, words) in [("postgres://ms@db/m?sslmode=prefer", "disable, require, verify-ca or verify-full, not prefer"),
                             ("postgres://ms@db/m?sslmode=require&sslrootcert=\(file)", "only with sslmode=verify-ca or verify-full"),
                             ("postgres://ms@db/m?sslmode=verify-full&sslrootcert=/nowhere/ca.pem", "sslrootcert /nowhere/ca.pem cannot be read"),
                             ("postgres://ms@db/m?sslmode=", "not sslmode"),
                             ("postgres://ms@db/m?sslcert=x", "not sslcert")] {
            let error = #expect(throws: MarketSyncError.self, "\(url)") { try PostgresLocation(url: url) }
            #expect(error?.code == .config && error?.key == "store")
            #expect(error?.message.contains(words) == true, "\(error?.message ?? "")")
        }
    }

    /// Whether the store's own connection is encrypted, as the server sees it.
    static func encrypted(_ store: PostgresStore) async throws -> Bool {
        try await store.read("read the connection's TLS state") { connection in
            let rows = try await connection.rows("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: store.logger)
            return try rows.first?.decode(Bool.self) ?? false
        }
    }

    static func store(_ query: String, host: String = "127.0.0.1") throws -> PostgresStore {
        let base = try #require(url)
        var location = try PostgresLocation(url: base.contains("?") ? base + "&" + query : base + "?" + query)
        location.host = host
        return PostgresStore(location: location, password: ProcessInfo.processInfo.environment[PostgresStore.passwordVariable])
    }

    @Test(.enabled(if: url != nil && ca != nil, skipReason)) func verifyFullConnectsEncryptedToTheServerItsCAIssued() async throws {
        let ca = try #require(Self.ca)
        for host in ["127.0.0.1", "localhost"] {
            let store = try Self.store("sslmode=verify-full&sslrootcert=\(ca)", host: host)
            defer { store.close() }
            try await store.prepare()
            #expect(try await Self.encrypted(store), "\(host)")
        }
        let plain = try Self.store("sslmode=disable")
        defer { plain.close() }
        try await plain.prepare()
        #expect(try await Self.encrypted(plain) == false)
        let unchecked = try Self.store("sslmode=require")
        defer { unchecked.close() }
        try await unchecked.prepare()
        #expect(try await Self.encrypted(unchecked))
    }

    @Test(.enabled(if: url != nil && ca != nil, skipReason)) func aServerTheRootsDoNotVouchForIsRefusedAtStart() async throws {
        // The system's roots do not know the test CA: the start fails, naming the store and no secret.
        let untrusted = try Self.store("sslmode=verify-full")
        defer { untrusted.close() }
        let error = await #expect(throws: MarketSyncError.self) { try await untrusted.prepare() }
        #expect(error?.code == .storeUnreachable, "\(String(describing: error))")
        #expect(error?.message.contains("sslmode=verify-full") == true, "\(error?.message ?? "")")
    }
}
