import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncTesting
import Testing

/// `adapter: mirakl` in a config: one channel per operator, options typed by the factory, unknown ones named.
@Suite struct MiraklFactoryTests {
    let env = ["CARREFOUR_KEY": "fake-carrefour-key", "AUCHAN_KEY": "fake-auchan-key"]

    func load(_ options: String, auchanOptions: String = "{}") throws -> SyncConfiguration {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mirakl-factory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = """
            sources:
              - path: catalog.csv
            rates:
              EUR: "0.0104"
              CNY: "0.0825"
            channels:
              carrefour:
                adapter: mirakl
                endpoint: https://carrefourfr-prod.mirakl.net
                credentials: {api_key: CARREFOUR_KEY}
                options: \(options)
              auchan:
                adapter: mirakl
                endpoint: https://auchan.mirakl.net
                credentials: {api_key: AUCHAN_KEY}
                options: \(auchanOptions)
            """
        try text.write(to: folder.appendingPathComponent("marketsync.yaml"), atomically: true, encoding: .utf8)
        try "sku,name_ru,price_rub,stock\nA-1,Мёд,480,5\n".write(to: folder.appendingPathComponent("catalog.csv"), atomically: true, encoding: .utf8)
        return try ConfigLoader(environment: env).load(path: folder.appendingPathComponent("marketsync.yaml").path)
    }

    func adapter(_ settings: ChannelSettings) throws -> any ChannelAdapter {
        let factory = try AdapterRegistry.standard.factory(for: settings, file: settings.file)
        try factory.validate(settings, file: settings.file)
        return try factory.makeAdapter(settings, transport: HandlerTransport { _ in WireResponse(status: 500) },
                                       clock: ManualClock(), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test func eachOperatorIsAChannelWithItsOwnCurrencyAndCapabilities() throws {
        let configuration = try load(#"{shop_id: "2019", currency: CNY, page_size: 50, state_code: "11", leadtime_to_ship: 3}"#)
        let carrefour = try adapter(try #require(configuration.channels.first { $0.id == "carrefour" }))
        let auchan = try adapter(try #require(configuration.channels.first { $0.id == "auchan" }))
        #expect(carrefour.capabilities.currency == .cny)
        #expect(auchan.capabilities.currency == Currency(rawValue: "EUR"))
        #expect(carrefour.capabilities.offers == .delta)
        #expect(carrefour.capabilities.orderAnswer == .acceptLines)
        #expect(carrefour.capabilities.stockBatchSize == 1000 && carrefour.capabilities.priceBatchSize == 1000)
        #expect(carrefour.capabilities.orderWindow.overlap >= .seconds(120))
        #expect(carrefour.capabilities.orderWindow.lag == .zero)
        #expect(carrefour.capabilities.pullsOrders && carrefour.capabilities.confirmsShipments)
    }

    @Test(arguments: [
        (#"{colour: blue}"#, "channels.carrefour.options.colour"),
        (#"{page_size: 500}"#, "channels.carrefour.options.page_size"),
        (#"{currency: euro}"#, "channels.carrefour.options.currency"),
        (#"{shop_id: main}"#, "channels.carrefour.options.shop_id"),
        (#"{import_interval: soon}"#, "channels.carrefour.options.import_interval"),
    ])
    func aBadOptionIsAConfigErrorNamingItsKey(options: String, key: String) throws {
        let configuration = try load(options)
        let settings = try #require(configuration.channels.first { $0.id == "carrefour" })
        do {
            _ = try adapter(settings)
            Issue.record("\(options) must be refused")
        } catch let error as ConfigErrors {
            #expect(error.errors.contains { $0.key == key }, "\(error.errors.map(\.description))")
        } catch let error as MarketSyncError {
            #expect(error.code == .config)
            #expect(error.key == key)
        }
    }

    @Test func theKeyIsSecretInCassettesAndNeverPrinted() throws {
        let configuration = try load("{}")
        let settings = try #require(configuration.channels.first { $0.id == "carrefour" })
        let factory = try AdapterRegistry.standard.factory(for: settings, file: settings.file)
        #expect(factory.cassetteRules(signatureCheck: true).secretHeaders.contains("authorization"))
        #expect(factory.signingCredential == nil)
        #expect(factory.requiredCredentials == ["api_key"])
        let adapter = try adapter(settings)
        var dumped = ""
        dump(adapter, to: &dumped)
        #expect(!dumped.contains("fake-carrefour-key"))
    }
}
