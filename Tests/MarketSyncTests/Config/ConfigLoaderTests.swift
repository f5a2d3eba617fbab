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

    @Test func theLeaseTTLIsReadAndATooShortOneIsNamed() throws {
        #expect(try parse(good).worker.leaseTTL == .seconds(60))
        #expect(try parse(good + "\nworker:\n  lease_ttl: 15s\n").worker.leaseTTL == .seconds(15))
        let problem = error(good + "\nworker:\n  lease_ttl: 1s\n")
        #expect(problem?.key == "worker.lease_ttl")
        #expect(problem?.message.contains("at least 3s") == true)
    }

    @Test func relativeFileURLsAreResolvedAgainstTheConfigFolder() throws {
        let text = good.replacingOccurrences(of: "      page_size: 50", with: """
              page_size: 50
              delivery:
                url: file:../partners/wumart
        """).replacingOccurrences(of: "endpoint: http://127.0.0.1:8931/api/router", with: "endpoint: file:drops/epinduo")
        let channel = try #require(try parse(text).channels.first)
        #expect(channel.options["delivery.url"]?.text == "file:///etc/partners/wumart/")
        #expect(channel.endpoint.absoluteString == "file:///etc/ms/drops/epinduo/")
        // Absolute and remote URLs stay as written.
        #expect(ConfigLoader.resolveFileURL("file:///srv/x", against: URL(fileURLWithPath: "/etc/ms")) == "file:///srv/x")
        #expect(ConfigLoader.resolveFileURL("sftp://h/x", against: URL(fileURLWithPath: "/etc/ms")) == "sftp://h/x")
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

    func channel(_ id: String, _ extra: String) -> String {
        let rules = extra.split(separator: "\n").map { "    " + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
        return """
          \(id):
            adapter: epinduo
            endpoint: http://127.0.0.1:8931/api/router
            credentials: {client_id: EP_ID, client_secret: EP_SECRET, access_token: EP_TOKEN}
        \(rules)
        """
    }

    func twoChannels(_ a: String, _ b: String) -> String {
        "rates:\n  CNY: \"0.0825\"\nchannels:\n" + channel("online", a) + "\n" + channel("retail", b) + "\n"
    }

    @Test func rulesAreReadIntoTypedSettings() throws {
        let config = try parse(twoChannels("""
                stock: {buffer: "10%", share: "60%", max_shown: 50, zero_at_or_below: 2, min_shelf_life: 5d, warehouses: [surgut]}
                price: {markup: "15%", vat: "13%", ending: "0.90", floor: "20.00", ceiling: "900.00", max_change: "30%", step: "0.10", rounding: up}
                concurrency: 4
                circuit_breaker: {failures: 3, cooldown: 2m}
        """, """
                stock: {share: "40%", min_shelf_life: "67%"}
        """))
        let online = config.channels[0], retail = config.channels[1]
        #expect(online.stock == StockRule(buffer: .percent(Percent("10%")!), share: Percent("60%"), maxShown: 50, zeroAtOrBelow: 2,
                                          minShelfLife: .days(5), warehouses: ["surgut"]))
        #expect(online.price == PriceExtras(markup: Percent("15%"), vat: Percent("13%"), endingMinor: 90, floorMinor: 2000,
                                            ceilingMinor: 90000, maxChange: Percent("30%")))
        #expect(online.concurrency == 4)
        #expect(online.breaker == CircuitBreaker(threshold: 3, cooldown: .seconds(120)))
        #expect(retail.stock.minShelfLife == .share(Percent("67%")!))
        try SyncRuntime.validate(config)
    }

    @Test(arguments: [
        ("stock: {share: \"70%\"}", "stock: {share: \"40%\"}", "channels.retail.stock.share", "more than 100%"),
        ("stock: {share: \"70%\"}", "stock: {buffer: 1}", "channels.retail.stock.share", "every channel needs a share"),
        ("stock: {buffer: -5}", "", "channels.online.stock.buffer", "≥ 0"),
        ("price: {floor: \"50.00\", ceiling: \"20.00\"}", "", "channels.online.price.floor", "floor is above ceiling"),
        ("price: {max_change: \"0%\"}", "", "channels.online.price.max_change", "above 0%"),
        ("stock: {min_shelf_life: tomorrow}", "", "channels.online.stock.min_shelf_life", "days like 30d"),
    ])
    func unsatisfiableRulesAreConfigErrorsNamingTheKey(_ a: String, _ b: String, _ key: String, _ message: String) throws {
        let failure = try #require(error(twoChannels("        " + a, b.isEmpty ? "" : "        " + b)))
        #expect(failure.code == .config)
        #expect(failure.key == key)
        #expect(failure.message.contains(message), "\(failure.message)")
    }

    @Test func aRatesFileWithoutTodaysRateIsAConfigErrorWhenRequired() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "date,currency,rate\n2026-11-24,CNY,0.0820\n2026-11-25,CNY,0.0825\n".write(to: folder.appendingPathComponent("rates.csv"), atomically: true, encoding: .utf8)
        let settings = RatesFileSettings(path: folder.appendingPathComponent("rates.csv").path, requireToday: true)
        let today = try #require(CalendarDate.parse("2026-11-25"))
        #expect(try RatesFile.rates(settings, today: today, needed: [.cny])[.cny]?.description == "0.0825")
        let tomorrow = today.addingTimeInterval(86_400)
        #expect(throws: MarketSyncError.self) { try RatesFile.rates(settings, today: tomorrow, needed: [.cny]) }
        let lenient = RatesFileSettings(path: settings.path, requireToday: false)
        #expect(try RatesFile.rates(lenient, today: tomorrow, needed: [.cny])[.cny]?.description == "0.0825")
    }
}
