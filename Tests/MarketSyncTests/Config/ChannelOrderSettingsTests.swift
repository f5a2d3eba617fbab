import Foundation
import Testing
import MarketSync
@testable import MarketSyncConfig

/// A channel's time zone and deep re-scan keys, read and checked at load with `file:line: key` errors.
@Suite struct ChannelOrderSettingsTests {
    let env = ["EP_ID": "client", "EP_SECRET": "secret", "EP_TOKEN": "token"]

    func config(_ extra: String) -> String {
        """
        rates:
          CNY: "0.0825"
        channels:
          epinduo:
            adapter: epinduo
            endpoint: http://127.0.0.1:8931/api/router
            credentials: {client_id: EP_ID, client_secret: EP_SECRET, access_token: EP_TOKEN}
        \(extra)
        """
    }

    func channel(_ extra: String) throws -> ChannelSettings {
        let loaded = try ConfigLoader(environment: env).parse(config(extra), file: "/etc/ms/marketsync.yaml")
        return try #require(loaded.channels.first)
    }

    func failure(_ extra: String) -> MarketSyncError? {
        do {
            _ = try ConfigLoader(environment: env).parse(config(extra), file: "/etc/ms/marketsync.yaml")
            return nil
        } catch { return error as? MarketSyncError }
    }

    @Test func defaultsAreUTCAndTheAdaptersRescan() throws {
        let settings = try channel("")
        #expect(settings.timeZone == .utc)
        #expect(settings.deepRescan == .adapterDefault)
    }

    @Test func theTimeZoneAndTheDeepRescanAreRead() throws {
        let settings = try channel("""
              time_zone: Asia/Shanghai
              orders: {initial_lookback: 2h, deep_rescan_every: 12h, deep_rescan_days: 3}
          """)
        #expect(settings.timeZone.identifier == "Asia/Shanghai")
        #expect(settings.initialLookback == .seconds(7200))
        #expect(settings.deepRescan == .on(DeepRescanPolicy(every: .seconds(12 * 3600), days: 3)))
        #expect(try channel("    orders: {deep_rescan_days: 14}").deepRescan == .on(DeepRescanPolicy(every: DeepRescanPolicy.defaultEvery, days: 14)))
        #expect(try channel("    orders: {deep_rescan_every: 1h}").deepRescan == .on(DeepRescanPolicy(every: .seconds(3600), days: 7)))
        #expect(try channel("    orders: {deep_rescan_every: off}").deepRescan == .off)
    }

    @Test(arguments: [
        ("    time_zone: Asia/Shangai", 8, "channels.epinduo.time_zone", "IANA time zone name"),
        ("    time_zone: CST", 8, "channels.epinduo.time_zone", "IANA time zone name"),
        ("    orders: {deep_rescan_every: 6}", 8, "channels.epinduo.orders.deep_rescan_every", "a whole number and a unit"),
        ("    orders: {deep_rescan_days: 0}", 8, "channels.epinduo.orders.deep_rescan_days", "from 1 to 180"),
        ("    orders: {deep_rescan_days: 365}", 8, "channels.epinduo.orders.deep_rescan_days", "from 1 to 180"),
        ("    orders: {deep_rescan_every: off, deep_rescan_days: 3}", 8, "channels.epinduo.orders.deep_rescan_days", "no effect"),
        ("    orders: {deep_rescan: true}", 8, "channels.epinduo.orders.deep_rescan", "unknown key"),
    ])
    func badValuesNameFileLineAndKey(_ extra: String, _ line: Int, _ key: String, _ message: String) throws {
        let error = try #require(failure(extra))
        #expect(error.code == .config)
        #expect(error.key == key)
        #expect(error.line == line)
        #expect(error.description.hasPrefix("/etc/ms/marketsync.yaml:\(line): \(key): "))
        #expect(error.message.contains(message), "\(error.message)")
    }
}
