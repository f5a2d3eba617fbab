import Foundation
import MarketSync
import MarketSyncPostgres
import MarketSyncTesting
import Testing

/// The PostgreSQL store through the store conformance suite, against the server `MARKETSYNC_PG_TEST_URL` names
/// (`scripts/postgres start` starts a throwaway one; `scripts/test` does it for you). Each check gets its own schema
/// in that database, and a second store on the same schema stands in for a second worker.
@Suite struct PostgresStoreConformanceTests {
    static let url = ProcessInfo.processInfo.environment["MARKETSYNC_PG_TEST_URL"]

    /// A store on a fresh schema of the test database, and a second one on the same schema.
    static func freshStore(_ url: String) throws -> StoreUnderTest {
        var location = try PostgresLocation(url: url)
        location.schema = "conformance_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        let password = ProcessInfo.processInfo.environment[PostgresStore.passwordVariable]
        let store = PostgresStore(location: location, password: password, maximumConnections: 4)
        let second = PostgresStore(location: location, password: password, maximumConnections: 4)
        return StoreUnderTest(store: store, secondHandle: second) {
            try? await store.dropSchema()
            store.close()
            second.close()
        }
    }

    static let skipReason: Comment = "needs MARKETSYNC_PG_TEST_URL: start a server with scripts/postgres start, or run scripts/test"

    @Test(.enabled(if: url != nil, skipReason)) func postgresHoldsToEveryRoleContract() async throws {
        let url = try #require(Self.url)
        let report = await StoreConformanceSuite { try Self.freshStore(url) }.run()
        #expect(report.problems == [])
        #expect(report.notTaken == [])
        #expect(report.checked == StoreRole.allCases)
    }

    @Test(.enabled(if: url != nil, skipReason)) func twoWorkersStartingAtOnceMigrateOnce() async throws {
        let url = try #require(Self.url)
        let underTest = try Self.freshStore(url)
        defer { Task { await underTest.dispose() } }
        let first = try #require(underTest.store as? PostgresStore)
        let second = try #require(underTest.secondHandle as? PostgresStore)
        async let a: Void = first.prepare()
        async let b: Void = second.prepare()
        _ = try await (a, b)
        #expect(try await first.appliedMigrations() == PostgresStore.migrationVersions)
        #expect(try await first.productCount() == 0)
    }

    @Test func anUnreachableServerIsAClearError() async throws {
        // A port nothing listens on: the error names the location and the password variable, never a password.
        let store = PostgresStore(location: PostgresLocation(host: "127.0.0.1", port: 1, user: "marketsync", database: "nowhere"),
                                  password: "s3cret-never-shown")
        defer { store.close() }
        let error = await #expect(throws: MarketSyncError.self) { try await store.productCount() }
        #expect(error?.code == .storeUnreachable)
        #expect(error?.message.contains("postgres://marketsync@127.0.0.1:1/nowhere") == true)
        #expect(error?.message.contains("s3cret") == false)
    }
}
