import Epinduo
import EpinduoSandbox
import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncStore
import MarketSyncTesting
import Testing

/// The Epinduo message service end to end: a worker syncing the Epinduo sandbox (router in process, message service
/// on a loopback websocket) and a second channel; an order made on the sandbox arrives as an event, is read by its
/// number at once and stored, and the other channel's stock drops in the same run.
@Suite("Epinduo message service in the worker", .timeLimit(.minutes(1)))
struct EpinduoMessageServiceWorkerTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    final class Fixture: Sendable {
        let folder: URL
        let clock = ManualClock(now: EpinduoMessageServiceWorkerTests.start)
        let sandboxClock = ManualClock(now: EpinduoMessageServiceWorkerTests.start)
        let sandbox: EpinduoSandbox
        let scripted = ScriptedFactory()
        var configPath: String { folder.appendingPathComponent("marketsync.yaml").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("epinduo-events-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            sandbox = EpinduoSandbox(clientID: "client-demo", clientSecret: "fake-secret-0001", accessToken: "token-demo",
                                     clock: sandboxClock)
            try Data("sku,name_ru,price_rub,stock,listing:shop,listing:b\nJAM-1,Варенье,100.00,10,500:1,2:JAM-1\n".utf8)
                .write(to: folder.appendingPathComponent("catalog.csv"))
        }

        func writeConfig(messagePort: Int) throws {
            try Data("""
                store:
                  sqlite: store.sqlite
                sources:
                  - path: catalog.csv
                rates:
                  CNY: "0.1"
                worker:
                  interval: 5m
                  debounce: 2s
                channels:
                  shop:
                    adapter: epinduo
                    endpoint: http://127.0.0.1:8931/api/router
                    credentials:
                      client_id: EPI_ID
                      client_secret: EPI_SECRET
                      access_token: EPI_TOKEN
                    rate_limit: {per_second: 10000, burst: 10000}
                    orders: {initial_lookback: 30m}
                    options:
                      message_service:
                        url: ws://127.0.0.1:\(messagePort)/message
                        heartbeat: 5m
                  b:
                    adapter: scripted
                    endpoint: http://127.0.0.1:9/b
                    credentials:
                      token: TOKEN_B

                """.utf8).write(to: URL(fileURLWithPath: configPath))
        }

        func makeWorker() throws -> SyncWorker {
            let sandbox = sandbox, scripted = scripted, clock = clock, configPath = configPath
            let setup = WorkerSetup(load: {
                try ConfigLoader(environment: ["EPI_ID": "client-demo", "EPI_SECRET": "fake-secret-0001", "EPI_TOKEN": "token-demo",
                                               "TOKEN_B": "b-1"]).load(path: configPath)
            }, open: { configuration, shutdown in
                try SyncRuntime.open(configuration, registry: AdapterRegistry([EpinduoFactory(), scripted]), clock: clock,
                                     logger: EpinduoMessageServiceWorkerTests.quiet, shutdown: shutdown) { settings, _ in
                    settings.adapter == "epinduo" ? HandlerTransport { await sandbox.handle($0) } as any Transport : UnusedTransport()
                }
            })
            let shutdown = ShutdownSignal()
            return SyncWorker(runtime: try setup.open(try setup.load(), shutdown), shutdown: shutdown, setup: setup, clock: clock,
                              logger: EpinduoMessageServiceWorkerTests.quiet)
        }
    }

    @Test func anOrderMadeOnTheSandboxIsReadAtOnceAndTheOtherChannelsStockDropsInTheSameRun() async throws {
        let fixture = try Fixture()
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, listening) = AsyncStream<Int>.makeStream()
            group.addTask {
                try await fixture.sandbox.runMessageService(port: 0, logger: Self.quiet) { listening.yield($0) }
            }
            var portIterator = ports.makeAsyncIterator()
            try fixture.writeConfig(messagePort: try #require(await portIterator.next()))
            let worker = try fixture.makeWorker()
            var events = WorkerEvents(worker, clock: fixture.clock)
            group.addTask { try await worker.run() }

            // The first run sends the whole catalog: 10 of JAM-1 to both channels.
            _ = try await events.nextRun()
            #expect(fixture.scripted.adapter("b").stockCalls.flatMap { $0 }.map(\.quantity) == [10])
            await fixture.sandbox.messages.wait { $0.connections == 1 }

            // A buyer orders 3 now: the listing would show it only 3 minutes from now (it lists windows ending 3
            // minutes back), the message service tells the worker at once.
            let order = """
                [{"order_sn": "261117-0001", "updated_at": \(Int64(fixture.sandboxClock.now().timeIntervalSince1970)),
                  "items": [{"goods_id": 500, "sku_id": 1, "outer_id": "JAM-1", "goods_count": 3, "goods_price": 10}]}]
                """
            let added = await fixture.sandbox.handle(WireRequest(
                method: "POST", url: try #require(URL(string: "http://127.0.0.1:8931/_sandbox/orders")),
                headers: [HeaderField("Content-Type", "application/json")], body: Data(order.utf8)))
            try #require(added.status == 200)

            let run = try await events.nextRun()
            #expect(run.triggers.contains(.channelEvent(on: "shop", type: "pdd_trade_TradeConfirmed", orderID: "261117-0001")))
            #expect(run.work["shop"]?.contains(.orders) == true)
            #expect(run.work["b"]?.contains(.stock) == true)
            // Read by its number and stored: no listing could show it yet (its windows end 3 minutes back, and the
            // clock has not moved).
            #expect(fixture.sandbox.requestCount("pdd.order.information.get") == 1)
            let store = try SQLiteStore(path: fixture.folder.appendingPathComponent("store.sqlite").path)
            let stored = try await store.order("261117-0001", channel: "shop")
            #expect(stored?.order.lines.map(\.quantity) == [3])
            #expect(stored?.order.state == .readyToShip)
            // The other channel's stock dropped by the 3 reserved, in the same run.
            #expect(fixture.scripted.adapter("b").stockCalls.flatMap { $0 }.map(\.quantity) == [10, 7])
            // The message was acknowledged once the worker had recorded the event.
            await fixture.sandbox.messages.wait { $0.acked.count == 1 && $0.pending.isEmpty }

            worker.stop()
            group.cancelAll()
        }
    }

    @Test func theFactoryTurnsTheMessageServiceOnOnlyWithAnAddressAndChecksIt() throws {
        /// The channel `shop` of a config whose `options.message_service` holds `messageService`.
        func configuration(_ messageService: KeyValuePairs<String, String>) throws -> SyncConfiguration {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("epinduo-options-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("sku,name_ru,price_rub,stock\n".utf8).write(to: folder.appendingPathComponent("catalog.csv"))
            var yaml = """
                store:
                  sqlite: store.sqlite
                sources:
                  - path: catalog.csv
                channels:
                  shop:
                    adapter: epinduo
                    endpoint: http://127.0.0.1:8931/api/router
                    credentials:
                      client_id: EPI_ID
                      client_secret: EPI_SECRET
                      access_token: EPI_TOKEN

                """
            if !messageService.isEmpty {
                yaml += "    options:\n      message_service:\n" + messageService.map { "        \($0.key): \($0.value)\n" }.joined()
            }
            let path = folder.appendingPathComponent("marketsync.yaml").path
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
            return try ConfigLoader(environment: ["EPI_ID": "id", "EPI_SECRET": "secret", "EPI_TOKEN": "token"]).load(path: path)
        }
        func settings(_ messageService: KeyValuePairs<String, String>) throws -> ChannelSettings {
            try #require(try configuration(messageService).channels.first)
        }
        let factory = EpinduoFactory()
        #expect(try factory.makeEventSource(try settings([:]), clock: ManualClock(), logger: Self.quiet) == nil)
        let on = try factory.makeEventSource(try settings([
            "url": "wss://message-api.example.com/message", "backup_url": "wss://message-backup.example.com/message",
            "sign": "hex", "heartbeat": "5s",
        ]), clock: ManualClock(), logger: Self.quiet)
        #expect(on?.channel == "shop")
        #expect(try factory.makeEventSource(try settings(["url": "ws://127.0.0.1:9000/message"]), clock: ManualClock(),
                                            logger: Self.quiet) != nil)
        let bad: [(KeyValuePairs<String, String>, String)] = [
            (["url": "ws://message-api.example.com/message"], "message_service.url"),
            (["url": "https://message-api.example.com/message"], "message_service.url"),
            (["backup_url": "wss://message-backup.example.com/message"], "message_service.backup_url"),
            (["url": "wss://m.example.com/message", "sign": "base32"], "message_service.sign"),
            (["url": "wss://m.example.com/message", "heartbeat": "0s"], "message_service.heartbeat"),
        ]
        for (options, key) in bad {
            // check-config finds it too, before a worker starts.
            let problems = SyncRuntime.problems(in: try configuration(options))
            #expect(problems.contains { $0.code == .config && $0.key?.hasSuffix(key) == true }, "\(key): \(problems)")
            let channel = try settings(options)
            #expect {
                _ = try factory.makeEventSource(channel, clock: ManualClock(), logger: Self.quiet)
            } throws: { error in
                (error as? MarketSyncError)?.code == .config && (error as? MarketSyncError)?.key?.hasSuffix(key) == true
            }
        }
    }
}
