import Foundation
import Testing
import MarketSync
import MarketSyncApp
@testable import MarketSyncConfig

@Suite struct ConfigLoaderTests {
    let env = ["EP_ID": "client", "EP_SECRET": "s3cr3t-value", "EP_TOKEN": "token-value"]
    let good = """
    store:
      sqlite: data/ms.sqlite
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
        price:
          step: "0.10"
          rounding: up
        orders:
          initial_lookback: 2h
        options:
          page_size: 50
    """

    func parse(_ text: String, env: [String: String]? = nil) throws -> SyncConfiguration {
        try ConfigLoader(environment: env ?? self.env).parse(text, file: "/etc/ms/marketsync.yaml")
    }

    func error(_ text: String, env: [String: String]? = nil) -> MarketSyncError? {
        do { _ = try parse(text, env: env); return nil } catch { return error as? MarketSyncError }
    }

    @Test func readsTypedSettingsAndResolvesPaths() throws {
        let config = try parse(good)
        #expect(config.store == .sqlite(path: "/etc/ms/data/ms.sqlite"))
        #expect(config.sources.map(\.path) == ["/etc/ms/catalog.csv"])
        let channel = try #require(config.channels.first)
        #expect(channel.id == "epinduo")
        #expect(channel.credentials["client_secret"] == "s3cr3t-value")
        #expect(channel.rounding == .up)
        #expect(channel.priceStep.description == "0.10")
        #expect(channel.initialLookback == .seconds(7200))
        #expect(channel.options["page_size"]?.text == "50")
        #expect(!"\(channel.credentials)".contains("s3cr3t"))
        try SyncRuntime.validate(config)
    }

    @Test func unknownKeyIsNamedWithItsLine() throws {
        let text = good.replacingOccurrences(of: "    price:\n", with: "    prise:\n")
        let failure = try #require(error(text))
        #expect(failure.code == .config)
        #expect(failure.key == "channels.epinduo.prise")
        #expect(failure.line == 15)
        #expect(failure.description.hasPrefix("/etc/ms/marketsync.yaml:15: channels.epinduo.prise: unknown key"))
    }

    @Test func missingEnvironmentVariableNamesKeyAndVariableButNoValue() throws {
        var partial = env
        partial["EP_SECRET"] = nil
        let failure = try #require(error(good, env: partial))
        #expect(failure.key == "channels.epinduo.credentials.client_secret")
        #expect(failure.message.contains("EP_SECRET"))
    }

    @Test func malformedYAMLNamesTheLine() throws {
        let failure = try #require(error("store:\n  sqlite: [unclosed\nchannels: {}\n"))
        #expect(failure.code == .config)
        #expect(failure.line != nil)
    }

    @Test func unknownAdapterAndUnknownOptionAreConfigErrors() throws {
        let unknownAdapter = try parse(good.replacingOccurrences(of: "adapter: epinduo", with: "adapter: epindou"))
        #expect(throws: MarketSyncError.self) { try SyncRuntime.validate(unknownAdapter) }
        let unknownOption = try parse(good.replacingOccurrences(of: "page_size: 50", with: "page_sise: 50"))
        do {
            try SyncRuntime.validate(unknownOption)
            Issue.record("an unknown option must fail")
        } catch let failure as MarketSyncError {
            #expect(failure.key == "channels.epinduo.options.page_sise")
        }
    }

    @Test func missingRateIsAConfigError() throws {
        let config = try parse(good.replacingOccurrences(of: "rates:\n  CNY: \"0.0825\"\n", with: ""))
        #expect(throws: MarketSyncError.self) { try SyncRuntime.validate(config) }
    }
}
