import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncStore
import MarketSyncTesting
import Testing

/// `adapter: sheets` in a config: the layouts and options typed by the factory, every problem named by its key and
/// line, the four example chains of docs/retail-sheets.md accepted by check-config, and a chain with stock per store
/// run through the engine.
@Suite struct SheetsFactoryTests {
    /// The YAML blocks of docs/retail-sheets.md that configure a channel.
    static func exampleChains() throws -> [String] {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../docs/retail-sheets.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        return text.components(separatedBy: "```yaml\n").dropFirst().compactMap { block in
            let body = block.components(separatedBy: "```").first ?? ""
            return body.hasPrefix("channels:") ? body : nil
        }
    }

    /// A whole config around one docs block: `adapter: sheets` and a `file://` drop added under the channel's name.
    static func config(around block: String, folder: URL) -> String {
        var lines = block.components(separatedBy: "\n")
        let insert = ["    adapter: sheets", "    endpoint: file://\(folder.path)/drop", "    time_zone: Asia/Shanghai"]
        lines.insert(contentsOf: insert, at: 2)
        return "store:\n  sqlite: state/marketsync.sqlite\nsources:\n  - path: catalog.csv\nrates:\n  CNY: \"1\"\n" + lines.joined(separator: "\n")
    }

    func load(_ text: String) throws -> (SyncConfiguration, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sheets-factory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("drop/outbox"), withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("marketsync.yaml").path
        try text.replacingOccurrences(of: "FOLDER", with: folder.path).write(toFile: path, atomically: true, encoding: .utf8)
        return (try ConfigLoader(environment: [:]).load(path: path), folder)
    }

    @Test func checkConfigAcceptsTheFourExampleChainsOfTheDocs() throws {
        let blocks = try Self.exampleChains()
        #expect(blocks.count == 4)
        for block in blocks {
            let (configuration, folder) = try load(Self.config(around: block, folder: URL(fileURLWithPath: "FOLDER")))
            defer { try? FileManager.default.removeItem(at: folder) }
            let problems = SyncRuntime.problems(in: configuration)
            #expect(problems.isEmpty, "\(configuration.channels.first?.id.rawValue ?? "?"): \(problems.map(\.description))")
        }
    }

    @Test func theExamplesCapabilitiesFollowTheirLayouts() throws {
        var answers: [String: OrderAnswerPolicy] = [:]
        for block in try Self.exampleChains() {
            let (configuration, folder) = try load(Self.config(around: block, folder: URL(fileURLWithPath: "FOLDER")))
            defer { try? FileManager.default.removeItem(at: folder) }
            let settings = try #require(configuration.channels.first)
            let adapter = try SheetsFactory(environment: [:]).makeAdapter(settings, transport: UnusedTransport(), clock: SystemClock(),
                                                                         logger: Logger(label: "test"))
            #expect(adapter.capabilities.offers == .snapshot)
            #expect(!adapter.capabilities.confirmsShipments)
            #expect(adapter.capabilities.currency == .cny)
            answers[settings.id.rawValue] = adapter.capabilities.orderAnswer
        }
        #expect(answers == ["wumart": .acceptLines, "trustmart": .none, "alldays": .acceptLines, "seven-eleven": .acceptLines])
    }

    static let base = """
        store:
          sqlite: state/marketsync.sqlite
        sources:
          - path: catalog.csv
        rates:
          CNY: "1"
        channels:
          shop:
            adapter: sheets
            endpoint: file://FOLDER/drop
            options:

        """

    static let stock = """
              sheets:
                stock:
                  file_name: "S_{store}_{seq:3}.csv"
                  split: store
                  columns:
                    1: {field: store, header: 门店编码}
                    2: {field: item_code, header: 商品编码}
                    3: {field: quantity, header: 库存数量}

        """

    static let badOptions: [(String, String)] = [
        (stock, "channels.shop.options.stores"),
        (stock + "      stores: \"1001,1001\"\n", "channels.shop.options.stores"),
        (stock + "      stores: \"10/01\"\n", "channels.shop.options.stores"),
        (stock + "      stores: \"1001\"\n      currency: EURO\n", "channels.shop.options.currency"),
        (stock + "      stores: \"1001\"\n      files_per_pull: 0\n", "channels.shop.options.files_per_pull"),
        (stock + "      stores: \"1001\"\n      offers: sometimes\n", "channels.shop.options.offers"),
        (stock.replacingOccurrences(of: "field: quantity", with: "field: qty") + "      stores: \"1001\"\n",
         "channels.shop.options.sheets.stock.columns.3.field"),
        (stock + "      stores: \"1001\"\n      sheets.stock.colour: red\n", "channels.shop.options.sheets.stock.colour"),
        ("      sheets:\n        price:\n          file_name: \"P_{seq}.csv\"\n          columns:\n            1: {field: sku, header: SKU}\n            2: {field: price, header: Price}\n      currency: USD\n",
         "channels.shop.options.currency"),
        ("      sheets:\n        order_response:\n          file_name: \"R_{order}.csv\"\n          split: order\n          columns:\n            1: {field: order_number, header: PO}\n            2: {field: sku, header: SKU}\n            3: {field: accepted_quantity, header: Qty}\n",
         "channels.shop.options.sheets.order_response"),
        ("      sheets:\n        orders:\n          columns:\n            1: {field: order_number, header: PO}\n            2: {field: sku, header: SKU}\n            3: {field: quantity, header: Qty}\n        order_response:\n          file_name: \"R_{order}.csv\"\n          split: order\n          columns:\n            1: {field: order_number, header: PO}\n            2: {field: store, header: Store}\n            3: {field: sku, header: SKU}\n            4: {field: accepted_quantity, header: Qty}\n",
         "channels.shop.options.sheets.order_response.columns.2"),
        ("      delivery: {url: \"file://FOLDER/drop\"}\n", "channels.shop.options.sheets"),
    ]

    @Test(arguments: badOptions)
    func aBadOptionIsAConfigErrorNamingItsKeyAndLine(options: String, key: String) throws {
        let (configuration, folder) = try load(Self.base + options)
        defer { try? FileManager.default.removeItem(at: folder) }
        let problems = SyncRuntime.problems(in: configuration)
        #expect(problems.map(\.code) == [.config])
        #expect(problems.first?.key == key)
        #expect(problems.first?.line != nil)
        #expect(problems.first?.file?.hasSuffix("marketsync.yaml") == true)
    }

    @Test func anUnknownOptionOutsideTheSheetsIsNamed() throws {
        let (configuration, folder) = try load(Self.base + Self.stock + "      stores: \"1001\"\n      page_size: 5\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(SyncRuntime.problems(in: configuration).map(\.key) == ["channels.shop.options.page_size"])
    }

    @Test func stockPerStoreGivesEveryStoreTheWholePlannedQuantityInItsOwnNumberedFile() async throws {
        let fixture = try SheetChannelFixture(channel: "trustmart", options: Self.stock + "      stores: \"1002,1001\"\n")
        defer { fixture.remove() }
        try await fixture.importCatalog(fixture.catalog())
        let result = try await fixture.sync()
        #expect(result.pushed == 2)
        #expect(result.failed == 0)
        // Store codes in code-point order, each file its own sequence number.
        #expect(fixture.names("inbox") == ["S_1001_001.csv", "S_1002_002.csv"])
        #expect(String(decoding: try fixture.bytes("inbox/S_1001_001.csv"), as: UTF8.self)
            == "门店编码,商品编码,库存数量\r\n1001,100201,10\r\n1001,100202,5\r\n")
        #expect(String(decoding: try fixture.bytes("inbox/S_1002_002.csv"), as: UTF8.self)
            == "门店编码,商品编码,库存数量\r\n1002,100201,10\r\n1002,100202,5\r\n")
        #expect(try await fixture.store.lastControlNumbers(for: fixture.channel)[.interchange] == 2)
    }

    @Test func aRowTheSheetCannotHoldFailsAloneAndTheRestOfTheSheetGoes() async throws {
        let fixture = try SheetChannelFixture()
        defer { fixture.remove() }
        var catalog = fixture.catalog()
        catalog[1].gtin = nil   // the Wu Mart stock sheet's barcode column is required
        try await fixture.importCatalog(catalog)
        let result = try await fixture.sync()
        #expect(result.pushed == 2)
        #expect(result.failed == 2)
        #expect(result.errors.allSatisfy { $0.sku == "YUG-LB-300" && $0.code == "sheet_row" })
        let stock = String(decoding: try SheetTextCheck.utf8(fromGB18030: fixture.bytes("inbox/WM_KC_20250305_0001.csv")), as: UTF8.self)
        #expect(stock.contains("100201,"))
        #expect(!stock.contains("100202,"))
    }

    @Test func aDailyFileNameWithoutASequenceTakesOneSheetADayAndParksASecondDifferentOne() async throws {
        let daily = """
                  sheets:
                    format: {encoding: utf-8-bom}
                    stock:
                      file_name: "stock_{date:yyyy-MM-dd}.csv"
                      columns:
                        1: {field: gtin, header: 条形码}
                        2: {field: quantity, header: 可供数量}

            """
        var fixture = try SheetChannelFixture(channel: "alldays", options: daily)
        defer { fixture.remove() }
        try await fixture.importCatalog(fixture.catalog())
        #expect(try await fixture.sync().pushed == 2)
        try await fixture.importCatalog(fixture.catalog(cedarStock: 3))
        try fixture.restart()
        let second = try await fixture.sync()
        // The chain has not taken the morning's sheet: the drop keeps it and refuses the new bytes under its name.
        #expect(second.pushed == 0)
        #expect(second.failed == 1)
        #expect(second.errors.map(\.code) == ["validation"])
        #expect(fixture.names("inbox") == ["stock_2025-03-05.csv"])
        #expect(String(decoding: try fixture.bytes("inbox/stock_2025-03-05.csv"), as: UTF8.self)
            == "\u{FEFF}条形码,可供数量\r\n4601234500012,10\r\n4601234500029,5\r\n")
    }

    @Test func withoutATimeZoneTheSheetsAreDatedInBeijingTime() async throws {
        let fixture = try SheetChannelFixture(channel: "alldays", options: """
                  sheets:
                    stock:
                      file_name: "stock_{date}_{seq}.csv"
                      columns:
                        1: {field: gtin, header: 条形码}
                        2: {field: quantity, header: 可供数量}
                        3: {field: date, header: 日期}

            """, timeZone: nil)
        defer { fixture.remove() }
        try await fixture.importCatalog(fixture.catalog())
        fixture.clock.advance(by: .seconds(6 * 3600 + 29 * 60))   // 16:30 UTC on 5 March: 00:30 on 6 March in Shanghai
        #expect(try await fixture.sync().pushed == 2)
        #expect(fixture.names("inbox") == ["stock_20250306_1.csv"])
        #expect(String(decoding: try fixture.bytes("inbox/stock_20250306_1.csv"), as: UTF8.self).contains(",10,2025-03-06\r\n"))
    }
}
