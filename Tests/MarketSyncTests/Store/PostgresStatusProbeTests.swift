import Foundation
import MarketSync
import MarketSyncPostgres
import Testing

/// The PostgreSQL store's status probe really reaches the server: it fails, as a store error, where none listens,
/// and passes against the test server when there is one.
@Suite struct PostgresStatusProbeTests {
    @Test func theProbeFailsWhenNoServerListens() async throws {
        let store = PostgresStore(location: PostgresLocation(host: "127.0.0.1", port: 1, user: "marketsync", database: "nowhere"),
                                  password: "s3cret-never-shown")
        defer { store.close() }
        let error = await #expect(throws: MarketSyncError.self) { try await store.probe() }
        #expect(error?.code == .store)
        #expect(error?.message.contains("postgres://marketsync@127.0.0.1:1/nowhere") == true)
        #expect(error?.message.contains("s3cret") == false)
    }

    @Test(.enabled(if: PostgresStoreConformanceTests.url != nil, PostgresStoreConformanceTests.skipReason))
    func theProbePassesAgainstARunningServer() async throws {
        let url = try #require(PostgresStoreConformanceTests.url)
        let store = try PostgresStore(url: url)
        defer { store.close() }
        try await store.probe()
    }
}
