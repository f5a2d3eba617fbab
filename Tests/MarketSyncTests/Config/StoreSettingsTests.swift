import Foundation
import MarketSync
import MarketSyncConfig
import MarketSyncPostgres
import Testing

/// `store:` in the config: an SQLite file, or a PostgreSQL URL without a password.
@Suite struct StoreSettingsTests {
    static func config(store: String) -> String {
        """
        \(store)
        sources:
          - path: catalog.csv
        rates:
          CNY: "0.0825"
        channels:
          epinduo:
            adapter: epinduo
            endpoint: http://127.0.0.1:8931/api/router
            credentials:
              client_id: EP_ID
              client_secret: EP_SECRET
              access_token: EP_TOKEN
        """
    }

    static func parse(_ store: String) throws -> SyncConfiguration {
        try ConfigLoader(environment: ["EP_ID": "a", "EP_SECRET": "b", "EP_TOKEN": "c"])
            .parse(config(store: store), file: "/etc/ms/marketsync.yaml")
    }

    @Test func aPostgresURLAloneOrUnderPostgres() throws {
        #expect(try Self.parse("store: postgres://ms@db:6543/marketsync").store == .postgres(url: "postgres://ms@db:6543/marketsync"))
        #expect(try Self.parse("store:\n  postgres: postgresql://ms@db/marketsync?schema=yugra").store
            == .postgres(url: "postgresql://ms@db/marketsync?schema=yugra"))
        #expect(try Self.parse("store:\n  sqlite: data/ms.sqlite").store == .sqlite(path: "/etc/ms/data/ms.sqlite"))
    }

    @Test func aScalarThatIsNoURLIsAConfigError() {
        #expect(throws: MarketSyncError.self) { try Self.parse("store: data/ms.sqlite") }
    }

    @Test func theURLIsParsedAndNeverCarriesAPassword() throws {
        let location = try PostgresLocation(url: "postgres://ms@db.internal:6543/marketsync?schema=yugra")
        #expect(location == PostgresLocation(host: "db.internal", port: 6543, user: "ms", database: "marketsync", schema: "yugra"))
        #expect(location.description == "postgres://ms@db.internal:6543/marketsync?schema=yugra")
        #expect(try PostgresLocation(url: "postgres://ms@db/marketsync").port == 5432)
        let refused = #expect(throws: MarketSyncError.self) { try PostgresLocation(url: "postgres://ms:hunter2@db/marketsync") }
        #expect(refused?.code == .config)
        #expect(refused?.message.contains("hunter2") == false)
        #expect(refused?.message.contains(PostgresStore.passwordVariable) == true)
        #expect(throws: MarketSyncError.self) { try PostgresLocation(url: "postgres://db/marketsync") }
        #expect(throws: MarketSyncError.self) { try PostgresLocation(url: "postgres://ms@db/") }
        #expect(throws: MarketSyncError.self) { try PostgresLocation(url: "postgres://ms@db/m?schema=Bad-Name") }
    }
}
