import Foundation
import Logging
import Testing
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncSandbox
import MarketSyncWire

/// `check-config`: every problem at once with its place, rejected rows as warnings, lots sources read as lots,
/// and `--online` against the local sandbox.
@Suite struct ConfigCheckTests {
    let env = ["EP_ID": "fixture-client", "EP_SECRET": "fixture-secret", "EP_TOKEN": "fixture-token"]

    func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    func config(port: Int = 8931, extra: String = "") -> String {
        """
        sources:
          - path: catalog.csv
          - path: lots.csv
            kind: lots
        rates:
          CNY: "0.0825"
        channels:
          shop:
            adapter: epinduo
            endpoint: http://127.0.0.1:\(port)/api/router
            credentials: {client_id: EP_ID, client_secret: EP_SECRET, access_token: EP_TOKEN}
        \(extra)
        """
    }

    let catalog = "sku,name_ru,price_rub,stock,listing:shop\nA-1,Мёд,480,5,1:2\nA-2,Чай,-3,1,1:3\n"
    let lots = "sku,warehouse,lot,quantity,expires_on\nA-1,surgut,L1,4,2027-01-31\nA-1,surgut,L2,x,\n"

    @Test func aLotsSourceIsReadAsLotsAndRejectedRowsAreWarningsWithTheirPlace() throws {
        let folder = try folder(["marketsync.yaml": config(), "catalog.csv": catalog, "lots.csv": lots])
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try ConfigCheck(environment: env).run(path: folder.appendingPathComponent("marketsync.yaml").path)
        #expect(report.validRows == 1)
        let warnings = report.warnings.map(\.description)
        #expect(warnings.contains { $0.contains("catalog.csv:3 (SKU A-2): price_rub") }, "\(warnings)")
        #expect(warnings.contains { $0.contains("lots.csv:3 (SKU A-1): quantity") }, "\(warnings)")
    }

    @Test func everyProblemOfConfigWiringAndSourcesIsReportedAtOnce() throws {
        let text = config(extra: "    price: {ending: \"0.95\", step: \"0.10\"}\n    options: {page_size: 500}\n")
            .replacingOccurrences(of: "adapter: epinduo", with: "adapter: epinduo\n    concurrency: 0")
            .replacingOccurrences(of: "client_secret: EP_SECRET", with: "client_secret: EP_MISSING")
        let folder = try folder(["marketsync.yaml": text, "lots.csv": lots])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("marketsync.yaml").path
        do {
            _ = try ConfigCheck(environment: env).run(path: path)
            Issue.record("the config must be rejected")
        } catch let error as MarketSyncError {
            #expect(error.code == .config)
            let lines = error.description.split(separator: "\n").map(String.init)
            for expected in ["\(path):10: channels.shop.concurrency: ", "\(path):12: channels.shop.credentials.client_secret: environment variable EP_MISSING",
                             "\(path):13: channels.shop.price.ending: ", "\(path):14: channels.shop.options.page_size: ",
                             "\(folder.path)/catalog.csv: cannot read catalog"] {
                #expect(lines.contains { $0.hasPrefix(expected) }, "\(expected) in \(error.description)")
            }
            #expect(!lines.contains { $0.contains("missing credential client_secret") }, "one error per key: \(error.description)")
        }
    }

    /// A sandbox on a free port checking `sandboxEnv`'s credentials; the config's endpoint points at it.
    func withSandbox(_ body: (String) async throws -> Void) async throws {
        let configuration = try ConfigLoader(environment: env).parse(config(), file: "/tmp/sandbox-config.yaml")
        let settings = try #require(configuration.channels.first)
        let made = try EpinduoFactory().makeSandbox(for: settings, clock: SystemClock(), stateFile: nil, logger: Logger(label: "test"))
        let sandbox = try #require(made)
        let server = LoopbackHTTPServer { request in await sandbox.handle(request) }
        let port = try await server.start()
        do {
            try await body(config(port: Int(port)))
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    @Test func onlineTheRightSecretIsLetInAndAWrongOneIsRejectedNamingTheChannel() async throws {
        try await withSandbox { text in
            let right = try ConfigLoader(environment: env).parse(text, file: "/etc/ms/marketsync.yaml")
            let transport: SyncRuntime.TransportMaker = { _, _ in CurlTransport(options: .init()) }
            let ok = await AccessCheck().run(right, clock: SystemClock(), logger: Logger(label: "test"), transport: transport)
            #expect(ok.map(\.channel) == ["shop"])
            #expect(ok.allSatisfy { $0.error == nil }, "\(ok.map { $0.error?.description ?? "ok" })")

            var wrongEnv = env
            wrongEnv["EP_SECRET"] = "leaked-or-wrong"
            let wrong = try ConfigLoader(environment: wrongEnv).parse(text, file: "/etc/ms/marketsync.yaml")
            let rejected = await AccessCheck().run(wrong, clock: SystemClock(), logger: Logger(label: "test"), transport: transport)
            let error = try #require(rejected.first?.error)
            // .config: the CLI exits 2, as for any config error; the fix is in the environment, not a retry.
            #expect(error.code == .config)
            #expect(error.channel == "shop")
            #expect(error.description.hasPrefix("/etc/ms/marketsync.yaml:11: channels.shop.credentials: [channel shop] credentials rejected"),
                    "\(error.description)")
            #expect(!error.description.contains("leaked-or-wrong"))
        }
    }

    @Test func onlineAChannelThatCannotBeReachedIsNotACredentialsError() async throws {
        let text = config(port: 9)   // nothing listens on the discard port of 127.0.0.1
        let configuration = try ConfigLoader(environment: env).parse(text, file: "/etc/ms/marketsync.yaml")
        let outcomes = await AccessCheck().run(configuration, clock: SystemClock(), logger: Logger(label: "test")) { _, _ in
            CurlTransport(options: .init())
        }
        let error = try #require(outcomes.first?.error)
        #expect(error.code != .config)
        #expect(error.channel == "shop")
    }

    @Test(arguments: [("http://127.0.0.1:8932/api/router", nil as UInt16?, UInt16(8932)), ("http://127.0.0.1:8932/api/router", 0, 0),
                      ("https://gw-api.example/api/router", nil, 8931), ("http://127.0.0.1:8932/api/router", 9000, 9000)])
    func theSandboxListensOnTheEndpointsPortUnlessToldOtherwise(_ endpoint: String, _ requested: UInt16?, _ expected: UInt16) throws {
        let text = config().replacingOccurrences(of: "http://127.0.0.1:8931/api/router", with: endpoint)
        let settings = try #require(try ConfigLoader(environment: env).parse(text, file: "/m.yaml").channels.first)
        #expect(settings.sandboxPort(requested: requested) == expected)
    }
}
