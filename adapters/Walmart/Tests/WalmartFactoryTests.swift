import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncTesting
import MarketSyncWire
import Testing
import Walmart
import WalmartSandbox

/// The factory's options (docs/configuration.md, "Walmart channels"), and what a recording of Walmart traffic keeps.
@Suite struct WalmartFactoryTests {
    /// The channel of a config whose Walmart channel has `options` (YAML lines under `options:`).
    func channel(options: String) throws -> ChannelSettings {
        try WalmartChannelConfig.channel(options: options)
    }

    func adapter(_ settings: ChannelSettings) throws -> any ChannelAdapter {
        try WalmartFactory().makeAdapter(settings, transport: HandlerTransport { _ in WireResponse(status: 500) },
                                         clock: ManualClock(now: Fake.start), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test func theRegistryKnowsWalmart() {
        #expect(AdapterRegistry.standard.names.contains("walmart"))
    }

    @Test func optionsSetTheCapabilities() throws {
        let settings = try channel(options: "bulk_threshold: 25\nfeed_size: 5000\npage_size: 50\ncurrency: CAD\nship_node: \"1000005050\"")
        #expect(WalmartFactory().problems(settings, file: "marketsync.yaml").isEmpty)
        let capabilities = try adapter(settings).capabilities
        #expect(capabilities.currency == Currency(rawValue: "CAD"))
        #expect(capabilities.stockBatchSize == 5000)
        #expect(capabilities.priceBatchSize == 1000)
        #expect(capabilities.orderAnswer == .acknowledge)
        #expect(capabilities.offers == .delta)
    }

    @Test func theDefaultsAreUSDAThresholdOfTenAndFeedsOfTenThousand() throws {
        let capabilities = try adapter(try channel(options: "svc_name: Walmart Marketplace"))
            .capabilities
        #expect(capabilities.currency == .usd)
        #expect(capabilities.stockBatchSize == 10_000)
    }

    @Test func anUnknownOptionIsAConfigErrorNamingTheKey() throws {
        let problems = WalmartFactory().problems(try channel(options: "bulk_treshold: 5"), file: "marketsync.yaml")
        #expect(problems.count == 1)
        #expect(problems.first?.code == .config)
        #expect(problems.first?.key == "channels.walmart.options.bulk_treshold")
    }

    @Test(arguments: [
        ("currency: CNY", "options.currency"), ("page_size: 201", "options.page_size"), ("bulk_threshold: -1", "options.bulk_threshold"),
        ("ship_method: Slow", "options.ship_method"), ("tracking_url: https://track.example/", "options.tracking_url"),
        ("created_lookback_days: 181", "options.created_lookback_days"), ("feed_size: 0", "options.feed_size"),
    ])
    func aBadOptionValueIsAConfigErrorNamingTheKey(option: String, key: String) throws {
        do {
            _ = try adapter(try channel(options: option))
            Issue.record("\(option) must be refused")
        } catch let error as MarketSyncError {
            #expect(error.code == .config)
            #expect(error.key == "channels.walmart.\(key)")
        }
    }

    @Test func theSettingsNeverShowTheSecret() {
        let settings = WalmartSettings(baseURL: Fake.endpoint, clientID: "id", clientSecret: "secret-value-123")
        var dumped = ""
        dump(settings, to: &dumped)
        #expect(!"\(settings)".contains("secret-value-123"))
        #expect(!dumped.contains("secret-value-123"))
    }

    @Test func aRecordingKeepsNoCredentialNorTokenAndReplaysAsRecorded() async throws {
        let clock = ManualClock(now: Fake.start)
        let sandbox = WalmartSandbox(clientID: Fake.clientID, clientSecret: Fake.secret, clock: clock)
        let live = HandlerTransport { await sandbox.handle($0) }
        let recorder = RecordingTransport(recording: live, rules: WalmartFactory().cassetteRules(signatureCheck: false), channel: "walmart")
        let settings = WalmartSettings(baseURL: Fake.endpoint, clientID: Fake.clientID, clientSecret: Fake.secret, bulkThreshold: 1)
        func run(_ transport: any Transport, clock: ManualClock) async throws {
            let adapter = WalmartAdapter(channel: "walmart", settings: settings, transport: transport, clock: clock,
                                         logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            _ = try await adapter.completedStock(stockUpdates(1))
            guard case let .submitted(receipt) = try await adapter.pushStock(stockUpdates(2)) else { throw FeedExpected() }
            clock.advance(by: .seconds(60))
            _ = try await adapter.status(of: receipt, for: submitted(stockUpdates(2)))
        }
        try await run(recorder, clock: clock)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("walmart-\(UUID().uuidString).cassette.json")
        defer { try? FileManager.default.removeItem(at: file) }
        try recorder.write(to: file)
        let text = try String(contentsOf: file, encoding: .utf8)
        let basic = Data("\(Fake.clientID):\(Fake.secret)".utf8).base64EncodedString()
        for secret in [Fake.secret, basic, "wm-sandbox-token-"] {
            #expect(!text.contains(secret), "the cassette holds \(secret)")
        }
        #expect(text.contains(#""access_token": "<redacted>""#))
        let replaying = ReplayingTransport(cassette: try Cassette(contentsOf: file), rules: WalmartFactory().cassetteRules(signatureCheck: false))
        try await run(replaying, clock: ManualClock(now: Fake.start))
        try replaying.assertAllUsed()
    }
}
