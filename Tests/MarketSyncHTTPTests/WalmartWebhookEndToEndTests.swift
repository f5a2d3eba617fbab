@testable import EpinduoSandbox
import Foundation
import Logging
import MarketSync
import MarketSyncApp
import MarketSyncConfig
import MarketSyncHTTP
import MarketSyncStore
import MarketSyncTesting
import MarketSyncWire
import Synchronization
import Testing
import WalmartSandbox

/// Walmart webhooks end to end: a worker over a real SQLite store with two channels (Walmart and Epinduo, each on its
/// sandbox in process) and the real endpoint on a loopback port; the Walmart sandbox posts its `PO_CREATED` events
/// over libcurl, signed with the seller's client secret. An order made on the sandbox arrives by webhook, is read by
/// id and stored, and Epinduo's stock drops in the same run; a second delivery of the same event is a duplicate.
@Suite("Walmart webhooks end to end", .timeLimit(.minutes(1)))
struct WalmartWebhookEndToEndTests {
    static let start = Date(timeIntervalSince1970: 1_795_161_600)
    static let walmartSecret = "wm-e2e-secret-0001"

    final class WorkerBox: Sendable {
        let worker = Mutex<SyncWorker?>(nil)
    }

    @Test func anOrderArrivesByWebhookAndMovesTheOtherChannelsStockInTheSameRun() async throws {
        let clock = ManualClock(now: Self.start)
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walmart-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("sku,name_ru,price_rub,stock,listing:walmart,listing:epinduo\nNUT,Орех,500.00,5,NUT,100:201\n".utf8)
            .write(to: folder.appendingPathComponent("catalog.csv"))

        let walmart = WalmartSandbox(clientID: "wm-id", clientSecret: Self.walmartSecret, clock: clock, webhookTransport: CurlTransport())
        let epinduo = EpinduoSandbox(clientID: "pdd-id", clientSecret: "pdd-secret", accessToken: "pdd-token", clock: clock)
        let box = WorkerBox()
        let intake = WebhookIntake(sink: ForwardingSink(box: box), webhook: { channel in box.worker.withLock { $0 }?.webhook(for: channel) })
        let wiring = try StatusWiring()
        let endpoint = StatusEndpoint(source: wiring.endpoint.source, registry: wiring.registry,
                                      settings: StatusEndpointSettings(address: HTTPListenAddress(host: "127.0.0.1", port: 0)),
                                      logger: logger, webhooks: intake)
        let ports = PortBox()
        try await endpoint.serving(onListening: { await ports.set($0) }) {
            let port = try #require(await ports.port)
            let configPath = folder.appendingPathComponent("marketsync.yaml").path
            try Data("""
                store:
                  sqlite: store.sqlite
                sources:
                  - path: catalog.csv
                rates:
                  USD: "0.0110"
                  CNY: "0.0800"
                worker:
                  interval: 1h
                channels:
                  walmart:
                    adapter: walmart
                    endpoint: http://127.0.0.1:8932
                    rate_limit: {per_second: 1000, burst: 1000}
                    credentials:
                      client_id: WM_ID
                      client_secret: WM_SECRET
                    options:
                      webhook:
                        url: http://127.0.0.1:\(port)/webhooks/walmart
                  epinduo:
                    adapter: epinduo
                    endpoint: http://127.0.0.1:8931/api/router
                    rate_limit: {per_second: 1000, burst: 1000}
                    credentials:
                      client_id: PDD_ID
                      client_secret: PDD_SECRET
                      access_token: PDD_TOKEN

                """.utf8).write(to: URL(fileURLWithPath: configPath))
            // The manual clock never moves here, so the channels' rate limits must not make a call wait.
            let environment = ["WM_ID": "wm-id", "WM_SECRET": Self.walmartSecret, "PDD_ID": "pdd-id", "PDD_SECRET": "pdd-secret",
                               "PDD_TOKEN": "pdd-token"]
            let setup = WorkerSetup(load: { try ConfigLoader(environment: environment).load(path: configPath) }, open: { configuration, shutdown in
                try SyncRuntime.open(configuration, clock: clock, logger: logger, shutdown: shutdown) { settings, _ in
                    settings.id == "walmart" ? HandlerTransport { await walmart.handle($0) } : HandlerTransport { await epinduo.handle($0) }
                }
            })
            let shutdown = ShutdownSignal()
            let runtime = try setup.open(try setup.load(), shutdown)
            let worker = SyncWorker(runtime: runtime, shutdown: shutdown, setup: setup, clock: clock, logger: logger)
            box.worker.withLock { $0 = worker }
            // Subscribed before the worker starts, so the test knows it is done; the worker's own call finds them made.
            try await #require(worker.webhook(for: "walmart")).ensureSubscribed()
            #expect(walmart.requestCount("createSubscription") == 1)

            try await withThrowingTaskGroup(of: Void.self) { group in
                var events = worker.events.makeAsyncIterator()
                group.addTask { try await worker.run() }
                group.addTask { await walmart.runWebhookDeliveries() }
                // The first run: both channels get NUT's stock, 5.
                _ = try await Self.nextRun(&events)
                #expect(walmart.stock(of: "NUT") == 5)
                #expect(epinduo.state.stock.values.first { $0.skuID == "201" }?.quantity == 5)

                // A buyer orders 2 on Walmart: the sandbox posts PO_CREATED to the worker's endpoint.
                let created = await walmart.handle(WireRequest(method: "POST", url: try #require(URL(string: "http://127.0.0.1:8932/_sandbox/orders")),
                                                               body: Data(#"[{"purchase_order_id": "PO-1", "lines": [{"sku": "NUT", "quantity": 2, "price": "9.99"}]}]"#.utf8)))
                #expect(created.status == 200)
                let run = try await Self.nextRun(&events)
                #expect(run.triggers.contains(.channelEvent(on: "walmart", type: "PO_CREATED", orderID: "PO-1")))
                #expect(run.work["walmart"]?.contains(.orders) == true)
                #expect(walmart.requestCount("getAnOrder") >= 1, "the order was read by its id")
                let stored = try await runtime.store.order("PO-1", channel: "walmart")
                #expect(stored != nil)
                #expect(epinduo.state.stock.values.first { $0.skuID == "201" }?.quantity == 3, "the other channel's stock dropped in the same run")
                await walmart.waitForWebhookDeliveries(count: 1)
                let first = try await Self.deliveries(walmart)
                #expect(first.first?["status"] as? Int == 200)
                #expect((first.first?["answer"] as? String)?.contains(#""accepted":1"#) == true, "\(first)")

                // The same event delivered again is a duplicate: recorded once, no run for it.
                walmart.setDeliverTwice(true)
                _ = await walmart.handle(WireRequest(method: "POST", url: try #require(URL(string: "http://127.0.0.1:8932/_sandbox/orders")),
                                                     body: Data(#"[{"purchase_order_id": "PO-2", "lines": [{"sku": "NUT", "quantity": 1, "price": "9.99"}]}]"#.utf8)))
                await walmart.waitForWebhookDeliveries(count: 3)
                let all = try await Self.deliveries(walmart)
                #expect(all.count == 3)
                #expect(all[1]["event_id"] as? String == all[2]["event_id"] as? String)
                #expect((all[1]["answer"] as? String)?.contains(#""accepted":1"#) == true, "\(all[1])")
                #expect((all[2]["answer"] as? String)?.contains(#""duplicate":1"#) == true, "\(all[2])")
                #expect(all[2]["repeated"] as? Bool == true)
                let second = try await Self.nextRun(&events)
                #expect(second.triggers.filter { if case .channelEvent = $0 { true } else { false } }.count == 1)
                #expect(epinduo.state.stock.values.first { $0.skuID == "201" }?.quantity == 2)

                worker.stop()
                group.cancelAll()
            }
        }
    }

    /// The next run the worker reports.
    static func nextRun(_ events: inout AsyncStream<WorkerEvent>.Iterator) async throws -> (work: [ChannelID: Set<WorkKind>], triggers: [WorkerTrigger]) {
        while let event = await events.next() {
            switch event {
            case let .ran(work, triggers, _): return (work, triggers)
            case let .runFailed(_, error): throw error
            case .stopped: throw MarketSyncError(.cancelled, "worker stopped before a run")
            default: continue
            }
        }
        throw MarketSyncError(.cancelled, "worker events ended")
    }

    /// The sandbox's delivery log.
    static func deliveries(_ sandbox: WalmartSandbox) async throws -> [[String: Any]] {
        let response = await sandbox.handle(WireRequest(method: "GET", url: try #require(URL(string: "http://127.0.0.1:8932/_sandbox/webhooks/deliveries"))))
        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        return object["deliveries"] as? [[String: Any]] ?? []
    }
}

/// Hands events to the worker once it exists (the endpoint is up before the worker's config, which names its port).
struct ForwardingSink: ChannelEventSink {
    let box: WalmartWebhookEndToEndTests.WorkerBox
    func receive(_ event: ChannelEvent) async -> ChannelEventReceipt {
        guard let worker = box.worker.withLock({ $0 }) else { return .refused("no worker yet") }
        return await worker.receive(event)
    }
}
