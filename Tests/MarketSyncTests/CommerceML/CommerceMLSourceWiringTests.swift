import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncTesting
import Testing

/// `format: commerceml` in the config: its keys and their errors (file:line: key), `check-config` reading the
/// package, and `sync` importing it through the engine and pushing its stock to a channel's sandbox.
@Suite struct CommerceMLSourceWiringTests {
    typealias F = CommerceMLFixture
    let env = ["EP_ID": "fixture-client", "EP_SECRET": "fixture-secret", "EP_TOKEN": "fixture-token"]

    func config(source: String) -> String {
        """
        store:
          sqlite: store.sqlite
        sources:
        \(source)
        rates:
          CNY: "0.0825"
        channels:
          epinduo:
            adapter: epinduo
            endpoint: http://127.0.0.1:9/api/router
            credentials: {client_id: EP_ID, client_secret: EP_SECRET, access_token: EP_TOKEN}
        """
    }

    static let source = """
      - format: commerceml
        path: 1c
        price_type: Розничная
        sku: article
        name_zh: Название (кит.)
        listings:
          epinduo: Код Epinduo
        warehouses:
          wh-khm: khanty-mansiysk
    """

    @Test func theSourcesKeysAreRead() throws {
        let configuration = try ConfigLoader(environment: env).parse(config(source: Self.source), file: "/srv/yugra/marketsync.yaml")
        let source = try #require(configuration.sources.first)
        #expect(source.format == .commerceml)
        #expect(source.path == "/srv/yugra/1c")
        #expect(source.commerceML == CommerceMLSettings(folder: "/srv/yugra/1c", priceType: "Розничная", sku: .article, nameZH: "Название (кит.)",
                                                        listings: ["epinduo": .value(named: "Код Epinduo")], warehouses: ["wh-khm": "khanty-mansiysk"]))

        let files = try ConfigLoader(environment: env).parse(config(source: """
          - format: commerceml
            path: [exchange/offers0_1.xml, exchange/import0_1.xml]
            price_type: pt-retail
            sku: id
            listings: {epinduo: sku}
        """), file: "/srv/yugra/marketsync.yaml")
        let settings = try #require(files.sources.first?.commerceML)
        #expect(settings.importFile == "/srv/yugra/exchange/import0_1.xml" && settings.offersFile == "/srv/yugra/exchange/offers0_1.xml")
        #expect(settings.folder == nil && settings.sku == .id && settings.listings == ["epinduo": .sku])
    }

    @Test func everyProblemOfTheSourceIsNamedWithFileLineAndKey() throws {
        let text = config(source: """
          - format: commerceml
            path: [1c/catalog.xml, 1c/offers.xml]
            sku: guid
            encoding: windows-1251
            pricetype: Розничная
            listings: {walmart: sku}
        """)
        let reading = ConfigLoader(environment: env).read(text, file: "/srv/yugra/marketsync.yaml")
        let messages = reading.errors.map(\.description)
        for expected in [
            "marketsync.yaml:4: sources[0].price_type: is required",
            "marketsync.yaml:5: sources[0].path: \"1c/catalog.xml\" is neither an import…xml nor an offers…xml file",
            "marketsync.yaml:6: sources[0].sku: \"guid\" must be article (Артикул) or id (Ид)",
            "marketsync.yaml:7: sources[0].encoding: \"windows-1251\" is not read for CommerceML",
            "marketsync.yaml:8: sources[0].pricetype: unknown key",
        ] {
            #expect(messages.contains { $0.hasSuffix(expected) || $0.contains(expected) }, "\(expected) in \(messages)")
        }
        // The listing's channel is checked once the channels are read (the path error left no source to check).
        let unknownChannel = ConfigLoader(environment: env).read(config(source: """
          - format: commerceml
            path: 1c
            price_type: Розничная
            listings: {walmart: sku}
        """), file: "/srv/yugra/marketsync.yaml")
        #expect(unknownChannel.errors.map(\.description).contains("/srv/yugra/marketsync.yaml:7: sources[0].listings.walmart: no channel walmart is configured"),
                "\(unknownChannel.errors)")
    }

    /// A folder holding a config and a package with one bad barcode.
    func workspace() throws -> CommerceMLFixture {
        var items = F.items
        items[3].barcode = "4601234500044"
        let package = try CommerceMLFixture(files: ["marketsync.yaml": config(source: Self.source)])
        try FileManager.default.createDirectory(at: package.folder.appendingPathComponent("1c"), withIntermediateDirectories: true)
        try package.write(F.importXML(items), to: "1c/import.xml")
        try package.write(F.offersXML(F.offers), to: "1c/offers.xml")
        return package
    }

    @Test func checkConfigReadsThePackage() throws {
        let package = try workspace()
        defer { package.remove() }
        let report = try ConfigCheck(environment: env).run(path: package.path("marketsync.yaml"))
        #expect(report.validRows == 3)
        #expect(report.warnings.map(\.description) == [
            "\(package.path("1c/import.xml")):\(try package.line(of: "<Ид>\(F.id(4))</Ид>", in: "1c/import.xml") - 1): Ид \(F.id(4)) (SKU YUG-HL-250): "
                + "Штрихкод \"4601234500044\": GTIN check digit is 4, expected 3",
        ])
    }

    @Test func syncImportsThePackageAndPushesTheStockOfListedProducts() async throws {
        let package = try workspace()
        defer { package.remove() }
        let configuration = try ConfigLoader(environment: env).load(path: package.path("marketsync.yaml"))
        let settings = try #require(configuration.channels.first)
        let sandbox = try #require(try EpinduoFactory().makeSandbox(for: settings, clock: SystemClock(), stateFile: nil, logger: Logger(label: "test")))
        let runtime = try SyncRuntime.open(configuration, clock: SystemClock(), logger: Logger(label: "test")) { _, _ in
            HandlerTransport { request in await sandbox.handle(request) }
        }
        let reports = try runtime.readSources()
        let summary = try await runtime.engine.sync(reports: reports)
        #expect(summary.imported == ImportCounts(inserted: 3))
        #expect(summary.rejectedRows.count == 1)
        #expect(summary.rejectedRows.first?.contains("Штрихкод \"4601234500044\"") == true)

        let acknowledged = try await runtime.store.acknowledgedOffers(for: "epinduo")
        // The three listed products (the halva was rejected), their stock as the package gave it.
        #expect(Dictionary(uniqueKeysWithValues: acknowledged.map { ($0.sku.rawValue, $0.quantity) })
                == ["YUG-CN-200": 120, "YUG-LB-300": 35, "YUG-MK-300": 12], "\(acknowledged)")
        #expect(try await runtime.store.product("YUG-CN-200")?.names.zh == "松子仁 200克")
    }

    @Test func aRefusedPackageStopsTheSyncWithASourceErrorBeforeAnythingIsImportedOrSent() async throws {
        let package = try workspace()
        defer { package.remove() }
        let text = F.offersXML(F.offers).replacingOccurrences(of: "<КоммерческаяИнформация ", with: "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>\n<КоммерческаяИнформация ")
        try package.write(text, to: "1c/offers.xml")
        let configuration = try ConfigLoader(environment: env).load(path: package.path("marketsync.yaml"))
        let runtime = try SyncRuntime.open(configuration, clock: SystemClock(), logger: Logger(label: "test")) { _, _ in UnusedTransport() }
        let reports = try runtime.readSources()
        let error = await #expect(throws: MarketSyncError.self) { _ = try await runtime.engine.sync(reports: reports) }
        #expect(error?.code == .source)
        #expect(error?.description.hasPrefix("\(package.path("1c/offers.xml")):2: ") == true, "\(error?.description ?? "")")
        #expect(try await runtime.store.productCount() == 0)
        #expect(try await runtime.store.pendingOutbox(for: "epinduo").isEmpty)
    }
}
