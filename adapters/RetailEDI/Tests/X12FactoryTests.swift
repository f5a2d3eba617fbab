import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncTesting
import Testing

/// `adapter: x12` in a config: ISA/GS identities and codes typed by the factory, problems named by key, a whole run
/// from the config through `SyncRuntime`.
@Suite struct X12FactoryTests {
    func load(_ options: String) throws -> (folder: URL, configuration: SyncConfiguration) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("x12-factory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("drop/outbox"), withIntermediateDirectories: true)
        let text = """
            store:
              sqlite: state/marketsync.sqlite
            sources:
              - path: catalog.csv
            rates:
              USD: "0.011"
            channels:
              walmart-edi:
                adapter: x12
                endpoint: file://\(folder.path)/drop
                options: \(options)
            """
        try text.write(to: folder.appendingPathComponent("marketsync.yaml"), atomically: true, encoding: .utf8)
        try "sku,gtin,name_ru,name_en,price_rub,stock,listing:walmart-edi\nYUG-CN-200,4601234500012,Кедровый орех,Cedar nuts,480,5,4601234500012\n"
            .write(to: folder.appendingPathComponent("catalog.csv"), atomically: true, encoding: .utf8)
        return (folder, try ConfigLoader(environment: [:]).load(path: folder.appendingPathComponent("marketsync.yaml").path))
    }

    @Test func aConfiguredPartnerRunsFromTheConfigWithItsIdentities() async throws {
        let (folder, configuration) = try load(#"{sender_id: YUGRAFOODS, receiver_id: "925485US00", receiver_qualifier: "08", usage: T, currency: USD, transaction_sets: "846,850,855,997"}"#)
        defer { try? FileManager.default.removeItem(at: folder) }
        let runtime = try SyncRuntime.open(configuration, clock: ManualClock(now: Date(timeIntervalSince1970: 1_741_168_800)),
                                           logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                                           transport: { _, _ in UnusedTransport() })
        let adapter = try #require(runtime.adapters["walmart-edi"])
        #expect(adapter.capabilities.pushesStock && !adapter.capabilities.pushesPrices)
        #expect(adapter.capabilities.orderAnswer == .acceptLines)
        _ = try await runtime.engine.sync(reports: try runtime.readSources())
        let inbox = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("drop/inbox").path)
        #expect(inbox == ["846_000000001.x12"])
        let text = try String(contentsOf: folder.appendingPathComponent("drop/inbox/846_000000001.x12"), encoding: .utf8)
        #expect(text.hasPrefix("ISA*00*          *00*          *ZZ*YUGRAFOODS     *08*925485US00     *"))
    }

    @Test(arguments: [
        (#"{receiver_id: X, usage: T, currency: USD}"#, "options.sender_id"),
        (#"{sender_id: THIS-ID-IS-FAR-TOO-LONG, receiver_id: X, usage: T, currency: USD}"#, "options.sender_id"),
        (#"{sender_id: A, receiver_id: X, currency: USD}"#, "options.usage"),
        (#"{sender_id: A, receiver_id: X, usage: Q, currency: USD}"#, "options.usage"),
        (#"{sender_id: A, receiver_id: X, usage: T, currency: USD, transaction_sets: "846,810"}"#, "options.transaction_sets"),
        (#"{sender_id: A, receiver_id: X, usage: T, currency: USD, sender_qualifier: ZZZ}"#, "options.sender_qualifier"),
        (#"{sender_id: A, receiver_id: X, usage: T, currency: USD, files_per_pull: 0}"#, "options.files_per_pull"),
    ])
    func aBadOptionIsAConfigErrorNamingItsKey(options: String, key: String) throws {
        let (folder, configuration) = try load(options)
        defer { try? FileManager.default.removeItem(at: folder) }
        let problems = SyncRuntime.problems(in: configuration)
        #expect(problems.map(\.code) == [.config])
        #expect(problems.first?.key == "channels.walmart-edi.\(key)")
    }
}
