import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncTesting
import Testing

/// `adapter: eancom` in a config: the chain's profile and delivery block typed by the factory, every problem named
/// by its key, and a whole run from the config through `SyncRuntime` (the store handed to the adapter).
@Suite struct EANCOMFactoryTests {
    struct Setup {
        let folder: URL
        let configuration: SyncConfiguration
        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    func load(_ options: String) throws -> Setup {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eancom-factory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("drop/outbox"), withIntermediateDirectories: true)
        let text = """
            store:
              sqlite: state/marketsync.sqlite
            sources:
              - path: catalog.csv
            rates:
              CNY: "0.0825"
            channels:
              wumart:
                adapter: eancom
                endpoint: file://\(folder.path)/drop
                time_zone: Asia/Shanghai
                options: \(options)
            """
        try text.write(to: folder.appendingPathComponent("marketsync.yaml"), atomically: true, encoding: .utf8)
        try "sku,gtin,name_ru,name_en,price_rub,stock,listing:wumart\nYUG-CN-200,4601234500012,Кедровый орех,Cedar nuts,480,5,4601234500012\n"
            .write(to: folder.appendingPathComponent("catalog.csv"), atomically: true, encoding: .utf8)
        return Setup(folder: folder, configuration: try ConfigLoader(environment: [:]).load(path: folder.appendingPathComponent("marketsync.yaml").path))
    }

    let complete = #"{our_gln: "4607654300010", chain_gln: "6901234500011", currency: CNY, messages: {invrpt: EAN008, pricat: EAN008, orders: EAN008, ordrsp: EAN005}}"#

    @Test func aConfiguredChainRunsFromTheConfigAndWritesItsFilesWithTheStoresNumbers() async throws {
        let setup = try load(complete)
        defer { setup.remove() }
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_741_168_800))
        let runtime = try SyncRuntime.open(setup.configuration, clock: clock, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                                           transport: { _, _ in UnusedTransport() })
        let adapter = try #require(runtime.adapters["wumart"])
        #expect(adapter.capabilities.offers == .snapshot)
        #expect(adapter.capabilities.orderAnswer == .acceptLines)
        #expect(adapter.capabilities.currency == .cny)
        #expect(!adapter.capabilities.confirmsShipments)
        let summary = try await runtime.engine.sync(reports: try runtime.readSources())
        #expect(summary.channels[0].pushed == 2)
        let inbox = try FileManager.default.contentsOfDirectory(atPath: setup.folder.appendingPathComponent("drop/inbox").path).sorted()
        #expect(inbox == ["INVRPT_000000001.edi", "PRICAT_000000002.edi"])
    }

    @Test(arguments: [
        (#"{chain_gln: "6901234500011", currency: CNY, messages: {invrpt: EAN008}}"#, "options.our_gln"),
        (#"{our_gln: "4607654300011", chain_gln: "6901234500011", currency: CNY, messages: {invrpt: EAN008}}"#, "options.our_gln"),
        (#"{our_gln: "4607654300010", chain_gln: "6901234500011", messages: {invrpt: EAN008}}"#, "options.currency"),
        (#"{our_gln: "4607654300010", chain_gln: "6901234500011", currency: CNY}"#, "options.messages"),
        (#"{our_gln: "4607654300010", chain_gln: "6901234500011", currency: CNY, messages: {invrpt: EAN008}, character_set: UNOZ}"#, "options.character_set"),
        (#"{our_gln: "4607654300010", chain_gln: "6901234500011", currency: CNY, messages: {invrpt: EAN008}, character_set: UNOW, syntax_version: "3"}"#, "options.syntax_version"),
        (#"{our_gln: "4607654300010", chain_gln: "6901234500011", currency: CNY, messages: {invrpt: EAN008}, offers: sometimes}"#, "options.offers"),
        (#"{our_gln: "4607654300010", chain_gln: "6901234500011", currency: CNY, messages: {invrpt: EAN008}, delivery: {url: "sftp://edi.example/x"}}"#, "options.delivery.host_key_sha256"),
    ])
    func aBadOptionIsAConfigErrorNamingItsKey(options: String, key: String) throws {
        let setup = try load(options)
        defer { setup.remove() }
        let problems = SyncRuntime.problems(in: setup.configuration)
        #expect(problems.map(\.code) == [.config])
        #expect(problems.first?.key == "channels.wumart.\(key)")
    }

    @Test func anUnknownOptionIsNamed() throws {
        let setup = try load(#"{our_gln: "4607654300010", chain_gln: "6901234500011", currency: CNY, messages: {invrpt: EAN008}, page_size: 5}"#)
        defer { setup.remove() }
        #expect(SyncRuntime.problems(in: setup.configuration).map(\.key) == ["channels.wumart.options.page_size"])
    }
}
